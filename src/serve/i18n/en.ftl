### Words of the `relais serve` pages (English).

nav-dashboard = Dashboard
nav-search = Search
nav-submit = Submit a post
sign-out = Sign out
back-home = Back to the start page
not-found = There is no such page.
forbidden-locale = You do not review “{ $locale }”.
forbidden-role = Your token does not give access to this page.
csrf-refused = Form refused: reload the page and try again.
too-large = This form is too large to be received.
slow-body = The form arrived too slowly; check the connection and send it again.
changed-since = This message changed since you opened it (a sync or another person): nothing was saved or approved. Here is the text now; what you typed is still in the editor.

login-title = Sign in
login-token = Access token
login-hint = The person who runs the site gave you this token (relais token add).
login-button = Sign in
login-unknown = This token is not known.
login-reader = This token is for the site’s export, not for the pages.

dashboard-title = Translations to review
draft = draft
finished = finished
to-review-count = { $n ->
    [0] nothing to review
    [one] { $n } to review
   *[other] { $n } to review
}
approved-of = { $n } of { $total } approved

state-missing = missing
state-machine = machine
state-edited = edited
state-approved = approved
state-stale = stale
state-invalid = invalid

distance = { $percent } % edited
label-source = French
label-source-changed = French changed
label-machine = Machine
label-current = Now
label-current-same = Now (unchanged)
no-translation = no translation yet
label-suggestion = New suggestion
label-unknown = Unknown words
label-problems = Problems
label-approval = Approval
last-approval = by { $name } on { $what }

approve = Approve
approve-all = Approve all valid…
approve-all-title = Approve everything valid?
approve-all-counts = { $n ->
    [one] One message would be approved
   *[other] { $n } messages would be approved
}{ $untouched ->
    [0] .
    [one] , including one machine translation nobody changed.
   *[other] , including { $untouched } machine translations nobody changed.
}
approve-all-warning = An approved machine translation is published as it is: approve it only if you have read it.
approve-edited = { $n ->
    [one] Approve the edited message
   *[other] Approve the { $n } edited messages
}
approve-all-n = { $untouched ->
    [0] { $n ->
        [one] Approve the message
       *[other] Approve the { $n } messages
    }
   *[other] { $n ->
        [one] Approve the message, an unchanged machine translation
       *[other] Approve all { $n } messages, including { $untouched } unchanged machine translations
    }
}
nothing-to-approve = Nothing to approve: no valid message is waiting for approval.
cancel = Cancel
unapprove = Withdraw the approval
accept-suggestion = Take the suggestion
edit = Edit
save = Save
save-and-approve = Save and approve
label-value = Text
edit-hint-markdown = Markdown, as it reads: keep the links, code and formatting of the French.
edit-hint-fluent = Fluent syntax: keep the { "{" } $variables { "}" } and terms of the French.
nothing-to-review = Nothing to review here.
preview = Preview
preview-note = The post as it reads now, reviewed or not (the site publishes approved text only).
show-all = All messages
show-todo = Only what needs review
show-comments = Only open comments

notice-saved = { $name } saved ({ $what }).
notice-unchanged = { $name }: text unchanged ({ $what }).
no-message = No message chosen.
notice-approved = { $n ->
    [0] Nothing was approved.
    [one] Approved: { $what }.
   *[other] { $n } messages approved: { $what }.
}
notice-unapproved = Approval withdrawn: { $what }.
notice-accepted = { $n ->
    [0] No suggestion taken.
   *[other] Suggestion taken: { $what }.
}
notice-skipped = { $name } left alone: { $what }
notice-conflict = { $name }: this message changed since the page was shown (a sync or another person); nothing was done. Review it as it is now.

submit-title = Submit a post
submit-hint = Write or paste the post in Markdown: the title between the quotes of “title”, the date, then the text below the “---” line. Or choose the .md file.
submit-name = File name
submit-text = Text of the post
submit-file = Or a .md file
submit-button = Send
submit-lines = Lines of the post
submit-empty = Give a file name and a text (or a file).
submit-placed = The post is placed in { $name }.
submit-synced = { $n ->
    [0] Nothing new to translate.
    [one] { $n } machine translation made.
   *[other] { $n } machine translations made.
}
submit-sync-failed = Machine translation could not be done; the post is placed and will be translated at the next sync.

## What is wrong with a translation (codes of `check::Problem`).

problem-value-missing = The translation has no text, while the French has.
problem-value-extra = The translation has a text the French does not have.
problem-attribute-missing = The French attribute { $name } is not translated.
problem-attribute-obsolete = The attribute { $name } is not in the French: remove it.
problem-variant-twice = The variant [{ $name }] is written twice: only the first would be used.
problem-piece-missing = { $kind ->
    [link] The link to { $piece }
    [image] The image { $piece }
    [code] The code { $piece }
    [shortcode] The shortcode { $piece }
    [placeable] The placeable { $piece }
   *[other] “{ $piece }”
} of the French is gone from the translation{ $field ->
    [value] .
   *[other] { " " }({ $field }).
}
problem-piece-added = { $kind ->
    [link] The link to { $piece }
    [image] The image { $piece }
    [code] The code { $piece }
    [shortcode] The shortcode { $piece }
    [placeable] The placeable { $piece }
   *[other] “{ $piece }”
} is not in the French{ $field ->
    [value] .
   *[other] { " " }({ $field }).
}
problem-keep-term = “{ $name }” must stay as written: the glossary says not to translate it.
problem-variable-missing = The French variable { $name } is gone from the translation: put { "{" } { $name } { "}" } back as it is.
problem-variable-added = The variable { $name } is not in the French: the site would have nothing to put there.
problem-reference-added = The translation uses { $name }, which the French does not.
problem-does-not-format = The text cannot be shown ({ $detail }).
problem-syntax = { $kind ->
    [unclosed-brace] A brace “{ "{" }” is not closed by “{ "}" }”
    [unbalanced-brace] A brace “{ "}" }” closes nothing (to write it as text, type { "{" }"{ "}" }"{ "}" })
    [unterminated-string] Quotes opened inside braces are not closed
    [no-default-variant] A choice (->) has no default variant, marked with a *
   *[other] The text does not read as a Fluent message
}, line { $line }, column { $col }{ $field ->
    [value] .
   *[other] { " " }({ $field }).
}
problem-one-pattern = The text would make several messages: a line cannot start with “.” or with “name =”{ $field ->
    [value] .
   *[other] { " " }({ $field }).
}
problem-refused = The last machine translation ({ $name }) was refused: { $detail }

## The review page.

skip-to-content = Skip to content
diff-inserted = added
diff-deleted = removed
label-changes = Changes made
approve-next = Approve and next
save-approve-next = Save, approve and next
refused-title = { $n ->
    [one] A change was not saved
   *[other] { $n } problems: the change was not saved
}
refused-at = { $name }: { $what }
count-missing = { $n } missing
count-machine = { $n ->
    [one] { $n } machine translation
   *[other] { $n } machine translations
}
count-edited = { $n } edited
count-approved = { $n } approved
count-stale = { $n } stale
count-invalid = { $n } invalid
all-reviewed = Everything here is reviewed.
no-open-comments = No open comment here.

## The dashboard.

review-in = Review ({ $locale })
hide-finished = { $n ->
    [one] Hide the finished one
   *[other] Hide the { $n } finished
}
show-finished = { $n ->
    [one] Show the finished one too
   *[other] Show the { $n } finished too
}
pages = Pages
page-of = Page { $n } of { $total }
previous-page = ← Previous page
next-page = Next page →

## The writers’ page.

submit-name-hint = Optional: left empty, it is made from the date and the title. It becomes the post’s address (lowercase letters, digits and dashes).
submit-preview = See the post received
submit-mine = Your posts
submit-here = ← here
submit-exists = A post is already called { $name } (“{ $what }”). Replace it with this new version?
submit-replace-hint = Translations already reviewed are kept; where the French changes, they will need review again. To keep both posts, change the file name below instead.
submit-replace = Replace with this version
post-preview-note = The post in French as it reads ({ $name }).

draft-file-name = The file name { $name } will not do: only lowercase letters without accents, digits and dashes, ending in .md.
draft-empty = The post is empty.
draft-too-large = The file is far too big for a post: is it the right file?
draft-no-title = The post has no title: write it between the quotes of “title: ""” (line { $line }).
draft-no-front-matter = The post must start with a “---” line, then the title and date, then another “---” line (line { $line }).
draft-front-matter-unclosed = The opening part (title, date) started by “---” on line { $line } is never closed by another “---” line.
draft-front-matter-syntax = The opening part (title, date) does not read on line { $line }, column { $col }: check the colons and quotes ({ $detail }).
draft-front-matter-lines = The opening part (title, date) must be made of “name: value” lines (line { $line }).
draft-front-matter-alias = Line { $line }: write the value out (“*name” references are not accepted).
draft-draft-value = Line { $line }: “draft” is true or false, without quotes (a draft is neither translated nor published).
draft-exists = A post already has this name: { $name }.
draft-changed-since = The post changed since you were shown it (someone else): nothing was written. Send yours again to see it as it is now.

## The site's git repository.

git-waiting = { $n ->
    [0] The shared repository could not be reached
    [one] One change made here is waiting to be sent to the shared repository
   *[other] { $n } changes made here are waiting to be sent to the shared repository
}: relais keeps trying ({ $what }).
git-conflict = Changes made here could not be added to those of the shared repository: nothing is lost, they are kept on the branch { $name }. The person who runs the site can take them up.

## A message's history.

history-title = { $n ->
    [one] History (one event)
   *[other] History ({ $n } events)
}
history-machine = Machine translation
history-suggestion = New machine suggestion
history-edited = Edited
history-approved = Approved
history-unapproved = Approval withdrawn
history-accepted = Suggestion taken (replaced text below)
history-source = The French changed (old French below)
history-by = by { $name }
history-now = Difference with the text now:

## Fuzzy translation memory.

label-memory = Translation memory
memory-from = { $percent } % similar — { $name }, approved by { $what }
memory-use = Use

## Other engines (asked by a person).

label-asked = Other engines
asked-from = { $name } ({ $what }), asked by { $detail }
asked-ask = Ask { $name }
asked-use = Use
notice-asked = { $name } answered: its translation is under the message.
notice-asked-known = { $name } had already answered for this French: nothing was asked again.
notice-asked-refused = The answer of { $name } was not kept: { $what }
notice-asked-failed = { $name } could not answer: { $what }

## Comments.

comments-title = { $total ->
    [0] Comment
   *[other] { $n ->
        [0] Comments ({ $total }, all resolved)
        [one] Comments ({ $total }, one open)
       *[other] Comments ({ $total }, { $n } open)
    }
}
comment-label = Your comment (a question on the French, a doubt on the translation)
comment-send = Send the comment
comment-resolve = Mark as resolved
comment-resolved = resolved by { $name }
notice-commented = Comment saved.
notice-resolved = Comment marked as resolved.
open-comments = { $n ->
    [one] one open comment
   *[other] { $n } open comments
}

search-title = Search the translations
search-words = Words to find (in the French or the translation; accents and case ignored)
search-locale = Language
search-any-locale = all
search-state = State
search-any-state = any
search-resource = File (posts/…)
search-reviewer = Approved by
search-unknown = with words the engine did not know
search-comments = with open comments
search-go = Search
search-found = { $n ->
    [0] No message found.
    [one] One message found.
   *[other] { $n } messages found.
}
search-found-more = The first { $n } of { $total } messages found; narrow the search to see the others.

questions-title = { $n ->
    [one] One question from reviewers about your posts
   *[other] { $n } questions from reviewers about your posts
}
questions-hint = A reviewer left a comment on the French of this passage. Answer here, correct the post if needed (by sending a new version), then mark the comment resolved.
questions-in = while reviewing “{ $locale }”
questions-answer = Your answer

help-title = Keyboard shortcuts
help-intro = On a review page, these keys act on the message you are on (the one with the focus, else the first one on screen).
help-keys = Keys
help-does = What they do
help-approve = Save and approve the text of the open editor; editor closed: approve the text shown.
help-next = Go to the next message to review.
help-previous = Go back to the previous message to review.
help-memory = Put similar translation 1, 2 or 3 from the memory into the editor (its “Use” button).
help-close = Close the editor (nothing is saved).
help-without = Every shortcut presses a button or follows a link of the page: without them (script blocked, screen reader), everything is done the same way with the mouse or the Tab key.
help-link = Keyboard shortcuts
