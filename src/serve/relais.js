// relais serve: keyboard shortcuts of the review page (listed at /help).
// Every shortcut presses a button or follows a link the page already has:
// without this script, everything works the same with the mouse or Tab.
//
//   Ctrl+Enter        save and approve (editor open), approve (closed)
//   Alt+Down, Alt+Up  next / previous message to review
//   Ctrl+Shift+1..3   take fuzzy memory match 1..3 into the editor
//   Escape            close the editor
"use strict";

(function () {
  // The message the reviewer is on: the one holding focus, else the first
  // whose top is on screen.
  function current() {
    var here = document.activeElement && document.activeElement.closest("article.msg");
    if (here) return here;
    var all = document.querySelectorAll("article.msg");
    for (var i = 0; i < all.length; i++) {
      if (all[i].getBoundingClientRect().bottom > 0) return all[i];
    }
    return null;
  }

  function visible(el) {
    return el && el.offsetParent !== null;
  }

  // Puts the reviewer on a message: its heading focused (it scrolls there).
  function go(article) {
    var h = article.querySelector("h2[tabindex]");
    (h || article).focus();
  }

  // Next (step 1) or previous (step -1) message still to review. Before
  // any message holds focus, "next" is the first one on screen.
  function step(by) {
    var todo = Array.prototype.slice.call(document.querySelectorAll("article.msg[data-todo]"));
    if (todo.length === 0) return false;
    var at = current();
    var inside = at && at.contains(document.activeElement);
    var all = Array.prototype.slice.call(document.querySelectorAll("article.msg"));
    var pos = at ? all.indexOf(at) : -1;
    var target = null;
    if (by > 0) {
      target = todo.find(function (a) {
        var i = all.indexOf(a);
        return i > pos || (i === pos && !inside);
      });
    } else {
      target = todo.slice().reverse().find(function (a) { return all.indexOf(a) < pos; });
    }
    if (!target) return false;
    go(target);
    return true;
  }

  // Ctrl+Enter: the form's own "approve" button, the one on screen (an
  // open editor's says "save and approve").
  function approve() {
    var at = current();
    var form = at && at.querySelector("form.edit");
    if (!form) return false;
    var buttons = form.querySelectorAll("button[name=then][value=approve]");
    for (var i = 0; i < buttons.length; i++) {
      if (visible(buttons[i])) {
        form.requestSubmit(buttons[i]);
        return true;
      }
    }
    return false;
  }

  // Ctrl+Shift+N: the "Use" link of memory match N.
  function take(n) {
    var at = current();
    var link = at && at.querySelector("a[data-use='" + n + "']");
    if (!link) return false;
    link.click();
    return true;
  }

  // Escape: closes the editor the reviewer is in, focus back on its summary.
  function close() {
    var at = current();
    var open = at && at.querySelector("form.edit details[open]");
    if (!open) return false;
    open.open = false;
    open.querySelector("summary").focus();
    return true;
  }

  document.addEventListener("keydown", function (e) {
    var done = false;
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey) {
      done = approve();
    } else if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      done = step(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.ctrlKey && e.shiftKey && !e.altKey && /^Digit[1-3]$/.test(e.code)) {
      done = take(e.code.slice(5));
    } else if (e.key === "Escape" && !e.ctrlKey && !e.altKey && !e.metaKey) {
      done = close();
    }
    if (done) e.preventDefault();
  });
})();
