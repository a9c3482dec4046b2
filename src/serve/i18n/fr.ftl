### Textes des pages de `relais serve` (français).

nav-dashboard = Tableau de bord
nav-search = Chercher
nav-submit = Proposer un article
sign-out = Se déconnecter
back-home = Retour à l’accueil
not-found = Cette page n’existe pas.
forbidden-locale = Vous ne relisez pas la langue « { $locale } ».
forbidden-role = Votre jeton ne donne pas accès à cette page.
csrf-refused = Formulaire refusé : rechargez la page et recommencez.
too-large = Ce formulaire est trop gros pour être reçu.
slow-body = Le formulaire est arrivé trop lentement ; vérifiez la connexion et renvoyez-le.
changed-since = Ce message a changé depuis que vous l’avez ouvert (une synchronisation ou une autre personne) : rien n’a été enregistré ni approuvé. Voici le texte actuel ; ce que vous aviez tapé est resté dans l’éditeur.

login-title = Connexion
login-token = Jeton d’accès
login-hint = Le jeton vous a été remis par la personne qui gère le site (relais token add).
login-button = Se connecter
login-unknown = Ce jeton n’est pas reconnu.
login-reader = Ce jeton sert à l’export du site, pas aux pages.

dashboard-title = Traductions à relire
draft = brouillon
finished = terminé
to-review-count = { $n ->
    [0] rien à relire
    [one] { $n } message à relire
   *[other] { $n } messages à relire
}
approved-of = { $n } sur { $total } approuvés

state-missing = manquant
state-machine = traduction automatique
state-edited = modifié
state-approved = approuvé
state-stale = à revoir
state-invalid = invalide

distance = { $percent } % retouché
label-source = Français
label-source-changed = Français modifié
label-machine = Traduction automatique
label-current = Texte actuel
label-current-same = Texte actuel (inchangé)
no-translation = pas encore de traduction
label-suggestion = Nouvelle suggestion
label-unknown = Mots inconnus
label-problems = Problèmes
label-approval = Approbation
last-approval = par { $name } le { $what }

approve = Approuver
approve-all = Approuver tout ce qui est valide…
approve-all-title = Approuver tout ce qui est valide ?
approve-all-counts = { $n ->
    [one] Un message serait approuvé
   *[other] { $n } messages seraient approuvés
}{ $untouched ->
    [0] .
    [one] , dont une traduction automatique que personne n’a modifiée.
   *[other] , dont { $untouched } traductions automatiques que personne n’a modifiées.
}
approve-all-warning = Une traduction automatique approuvée est publiée telle quelle : approuvez-la seulement si vous l’avez lue.
approve-edited = { $n ->
    [one] Approuver le message modifié
   *[other] Approuver les { $n } messages modifiés
}
approve-all-n = { $untouched ->
    [0] { $n ->
        [one] Approuver le message
       *[other] Approuver les { $n } messages
    }
   *[other] { $n ->
        [one] Approuver le message, une traduction automatique non modifiée
       *[other] Approuver les { $n } messages, dont { $untouched } traductions automatiques non modifiées
    }
}
nothing-to-approve = Rien à approuver : aucun message valide n’attend d’approbation.
cancel = Annuler
unapprove = Retirer l’approbation
accept-suggestion = Reprendre la suggestion
edit = Modifier
save = Enregistrer
save-and-approve = Enregistrer et approuver
label-value = Texte
edit-hint-markdown = Markdown, tel qu’il se lit : gardez les liens, le code et la mise en forme du français.
edit-hint-fluent = Syntaxe Fluent : gardez les { "{" } $variables { "}" } et les termes du français.
nothing-to-review = Rien à relire ici.
preview = Aperçu
preview-note = L’article tel qu’il se lit maintenant, relu ou non (le site ne publie que ce qui est approuvé).
show-all = Tous les messages
show-todo = Seulement ce qui est à relire
show-comments = Seulement les commentaires ouverts

notice-saved = { $name } enregistré ({ $what }).
notice-unchanged = { $name } : texte inchangé ({ $what }).
no-message = Aucun message choisi.
notice-approved = { $n ->
    [0] Rien n’a été approuvé.
    [one] Approuvé : { $what }.
   *[other] { $n } messages approuvés : { $what }.
}
notice-unapproved = Approbation retirée : { $what }.
notice-accepted = { $n ->
    [0] Aucune suggestion reprise.
   *[other] Suggestion reprise : { $what }.
}
notice-skipped = { $name } non traité : { $what }
notice-conflict = { $name } : ce message a changé depuis l’affichage de la page (une synchronisation ou une autre personne) ; rien n’a été fait. Relisez-le tel qu’il est maintenant.

submit-title = Proposer un article
submit-hint = Écrivez ou collez l’article en Markdown : le titre entre les guillemets de « title », la date, puis le texte sous la ligne « --- ». Ou choisissez le fichier .md.
submit-name = Nom du fichier
submit-text = Texte de l’article
submit-file = Ou un fichier .md
submit-button = Envoyer
submit-lines = Lignes de l’article
submit-empty = Donnez un nom de fichier et un texte (ou un fichier).
submit-placed = L’article est placé dans { $name }.
submit-synced = { $n ->
    [0] Rien de nouveau à traduire.
    [one] { $n } traduction automatique faite.
   *[other] { $n } traductions automatiques faites.
}
submit-sync-failed = La traduction automatique n’a pas pu se faire ; l’article est bien placé et sera traduit à la prochaine synchronisation.

## Ce qui ne va pas dans une traduction (codes de `check::Problem`).

problem-value-missing = La traduction n’a pas de texte, alors que le français en a un.
problem-value-extra = La traduction a un texte que le français n’a pas.
problem-attribute-missing = L’attribut { $name } du français n’est pas traduit.
problem-attribute-obsolete = L’attribut { $name } n’existe pas en français : retirez-le.
problem-variant-twice = La variante [{ $name }] est écrite deux fois : seule la première servirait.
problem-piece-missing = { $kind ->
    [link] Le lien vers { $piece }
    [image] L’image { $piece }
    [code] Le code { $piece }
    [shortcode] Le shortcode { $piece }
    [placeable] L’élément { $piece }
   *[other] « { $piece } »
} de la version française a disparu de la traduction{ $field ->
    [value] .
   *[other] { " " }({ $field }).
}
problem-piece-added = { $kind ->
    [link] Le lien vers { $piece }
    [image] L’image { $piece }
    [code] Le code { $piece }
    [shortcode] Le shortcode { $piece }
    [placeable] L’élément { $piece }
   *[other] « { $piece } »
} n’est pas dans la version française{ $field ->
    [value] .
   *[other] { " " }({ $field }).
}
problem-keep-term = « { $name } » doit rester écrit tel quel : le glossaire dit de ne pas le traduire.
problem-variable-missing = La variable { $name } du français a disparu de la traduction : remettez { "{" } { $name } { "}" } tel quel.
problem-variable-added = La variable { $name } n’est pas dans le français : le site n’aurait rien à y mettre.
problem-reference-added = La traduction utilise { $name }, que le français n’utilise pas.
problem-does-not-format = Le texte ne peut pas s’afficher ({ $detail }).
problem-syntax = { $kind ->
    [unclosed-brace] Une accolade « { "{" } » n’est pas refermée par « { "}" } »
    [unbalanced-brace] Une accolade « { "}" } » ne ferme rien (pour l’écrire comme texte, tapez { "{" }"{ "}" }"{ "}" })
    [unterminated-string] Des guillemets ouverts dans une accolade ne sont pas refermés
    [no-default-variant] Un choix (->) n’a pas de variante par défaut, marquée d’une *
   *[other] Le texte ne se lit pas comme un message Fluent
}, ligne { $line }, colonne { $col }{ $field ->
    [value] .
   *[other] { " " }({ $field }).
}
problem-one-pattern = Le texte ferait plusieurs messages : une ligne ne peut pas commencer par « . » ni par « nom = »{ $field ->
    [value] .
   *[other] { " " }({ $field }).
}
problem-refused = La dernière traduction automatique ({ $name }) a été refusée : { $detail }

## La page de relecture.

skip-to-content = Aller au contenu
diff-inserted = ajouté
diff-deleted = supprimé
label-changes = Modifications apportées
approve-next = Approuver et suivant
save-approve-next = Enregistrer, approuver et suivant
refused-title = { $n ->
    [one] Une modification n’a pas été enregistrée
   *[other] { $n } problèmes : la modification n’a pas été enregistrée
}
refused-at = { $name } : { $what }
count-missing = { $n ->
    [one] { $n } manquant
   *[other] { $n } manquants
}
count-machine = { $n ->
    [one] { $n } traduction automatique
   *[other] { $n } traductions automatiques
}
count-edited = { $n ->
    [one] { $n } modifié
   *[other] { $n } modifiés
}
count-approved = { $n ->
    [one] { $n } approuvé
   *[other] { $n } approuvés
}
count-stale = { $n } à revoir
count-invalid = { $n ->
    [one] { $n } invalide
   *[other] { $n } invalides
}
all-reviewed = Tout est relu ici.
no-open-comments = Aucun commentaire ouvert ici.

## Le tableau de bord.

review-in = Relire ({ $locale })
hide-finished = { $n ->
    [one] Masquer l’article terminé
   *[other] Masquer les { $n } terminés
}
show-finished = { $n ->
    [one] Afficher aussi l’article terminé
   *[other] Afficher aussi les { $n } terminés
}
pages = Pages
page-of = Page { $n } sur { $total }
previous-page = ← Page précédente
next-page = Page suivante →

## La page des rédacteurs.

submit-name-hint = Facultatif : laissé vide, il est fait de la date et du titre. Il devient l’adresse de l’article (lettres minuscules, chiffres et tirets).
submit-preview = Voir l’article reçu
submit-mine = Vos articles
submit-here = ← ici
submit-exists = Un article s’appelle déjà { $name } (« { $what } »). Le remplacer par cette nouvelle version ?
submit-replace-hint = Les traductions déjà relues sont gardées ; là où le français change, elles seront à revoir. Pour garder les deux articles, changez plutôt le nom du fichier ci-dessous.
submit-replace = Remplacer par cette version
post-preview-note = L’article en français tel qu’il se lit ({ $name }).

draft-file-name = Le nom du fichier { $name } ne convient pas : seulement des lettres minuscules sans accents, des chiffres et des tirets, terminé par .md.
draft-empty = L’article est vide.
draft-too-large = Le fichier est bien trop gros pour un article : est-ce le bon fichier ?
draft-no-title = L’article n’a pas de titre : écrivez-le entre les guillemets de « title: "" » (ligne { $line }).
draft-no-front-matter = L’article doit commencer par une ligne « --- », puis le titre et la date, puis une autre ligne « --- » (ligne { $line }).
draft-front-matter-unclosed = La partie du début (titre, date) ouverte par « --- » ligne { $line } n’est jamais refermée par une autre ligne « --- ».
draft-front-matter-syntax = Le début de l’article (titre, date) ne se lit pas ligne { $line }, colonne { $col } : vérifiez les deux-points et les guillemets ({ $detail }).
draft-front-matter-lines = Le début de l’article (titre, date) doit être fait de lignes « nom: valeur » (ligne { $line }).
draft-front-matter-alias = Ligne { $line } : écrivez la valeur en entier (les renvois « *nom » ne sont pas acceptés).
draft-draft-value = Ligne { $line } : « draft » vaut true ou false, sans guillemets (un brouillon n’est ni traduit ni publié).
draft-exists = Un article porte déjà ce nom : { $name }.
draft-changed-since = L’article a changé depuis qu’il vous a été montré (une autre personne l’a modifié) : rien n’a été écrit. Envoyez-la de nouveau pour la voir telle qu’elle est maintenant.

## Le dépôt git du site.

git-waiting = { $n ->
    [0] Le dépôt partagé n’a pas pu être joint
    [one] Une modification faite ici attend d’être envoyée au dépôt partagé
   *[other] { $n } modifications faites ici attendent d’être envoyées au dépôt partagé
} : relais réessaie tout seul ({ $what }).
git-conflict = Des modifications faites ici n’ont pas pu s’ajouter à celles du dépôt partagé : rien n’est perdu, elles sont gardées sur la branche { $name }. La personne qui gère le site peut les reprendre.

## L’historique d’un message.

history-title = { $n ->
    [one] Historique (un événement)
   *[other] Historique ({ $n } événements)
}
history-machine = Traduction automatique
history-suggestion = Nouvelle suggestion automatique
history-edited = Modifié
history-approved = Approuvé
history-unapproved = Approbation retirée
history-accepted = Suggestion reprise (texte remplacé ci-dessous)
history-source = Le français a changé (ancien français ci-dessous)
history-by = par { $name }
history-now = Différence avec le texte actuel :

## La mémoire de traduction approximative.

label-memory = Mémoire de traduction
memory-from = { $percent } % semblable — { $name }, approuvé par { $what }
memory-use = Utiliser

## Les autres moteurs (demandés par une personne).

label-asked = Autres moteurs
asked-from = { $name } ({ $what }), demandé par { $detail }
asked-ask = Demander à { $name }
asked-use = Utiliser
notice-asked = { $name } a répondu : sa traduction est sous le message.
notice-asked-known = { $name } avait déjà répondu pour ce français : rien n’a été redemandé.
notice-asked-refused = La réponse de { $name } n’a pas été gardée : { $what }
notice-asked-failed = { $name } n’a pas pu répondre : { $what }

## Les commentaires.

comments-title = { $total ->
    [0] Commenter
   *[other] { $n ->
        [0] Commentaires ({ $total }, tous résolus)
        [one] Commentaires ({ $total }, dont un ouvert)
       *[other] Commentaires ({ $total }, dont { $n } ouverts)
    }
}
comment-label = Votre commentaire (une question sur le français, un doute sur la traduction)
comment-send = Envoyer le commentaire
comment-resolve = Marquer comme résolu
comment-resolved = résolu par { $name }
notice-commented = Commentaire enregistré.
notice-resolved = Commentaire marqué comme résolu.
open-comments = { $n ->
    [one] un commentaire ouvert
   *[other] { $n } commentaires ouverts
}

search-title = Chercher dans les traductions
search-words = Mots à trouver (dans le français ou la traduction ; accents et majuscules ignorés)
search-locale = Langue
search-any-locale = toutes
search-state = État
search-any-state = tous
search-resource = Fichier (posts/…)
search-reviewer = Approuvé par
search-unknown = avec des mots inconnus du moteur
search-comments = avec des commentaires ouverts
search-go = Chercher
search-found = { $n ->
    [0] Aucun message trouvé.
    [one] Un message trouvé.
   *[other] { $n } messages trouvés.
}
search-found-more = Les { $n } premiers des { $total } messages trouvés ; précisez la recherche pour voir les autres.

questions-title = { $n ->
    [one] Une question des relecteurs sur vos articles
   *[other] { $n } questions des relecteurs sur vos articles
}
questions-hint = Un relecteur a laissé un commentaire sur le français de ce passage. Répondez ici, corrigez l’article si besoin (en envoyant une nouvelle version), puis marquez le commentaire comme résolu.
questions-in = en relisant « { $locale } »
questions-answer = Votre réponse

help-title = Raccourcis clavier
help-intro = Sur une page de relecture, ces touches agissent sur le message où vous êtes (celui qui a le focus, sinon le premier visible à l’écran).
help-keys = Touches
help-does = Effet
help-approve = Enregistrer et approuver le texte de l’éditeur ouvert ; éditeur fermé : approuver le texte affiché.
help-next = Aller au message suivant à relire.
help-previous = Revenir au message précédent à relire.
help-memory = Mettre dans l’éditeur la traduction proche n° 1, 2 ou 3 de la mémoire (le bouton « Utiliser »).
help-close = Fermer l’éditeur (rien n’est enregistré).
help-without = Chaque raccourci appuie sur un bouton ou suit un lien de la page : sans eux (script bloqué, lecteur d’écran), tout se fait de la même façon avec la souris ou la touche Tab.
help-link = Raccourcis clavier
