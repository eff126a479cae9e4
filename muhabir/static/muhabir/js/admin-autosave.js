/*
 * Saving by hand while Wagtail's autosave is saving.
 *
 * Wagtail saves an edit form by itself shortly after each change. A click on "Save draft"
 * (or Publish, or Submit) while that request is under way posts the same form a second
 * time: on a new page both requests create it, and the second fails on its slug with a
 * server error, the reporter's click lost behind an error page. So a submit waits for the
 * running autosave and then goes, with the same button, to the address the autosave left
 * in the form (the edit view once the page exists); once a submit has gone, no autosave
 * starts beside it.
 */
(() => {
  "use strict";

  // An autosave that never reports back (a hung connection) does not hold the form forever.
  const LONGEST_WAIT_MS = 15000;

  function guard(form) {
    let saving = false;
    let submitted = false;
    let held = null;
    let timer = null;

    function release() {
      saving = false;
      clearTimeout(timer);
      if (!held) return;
      const { button } = held;
      held = null;
      // The clicked button is disabled by now (its "Saving…" state), and a disabled button
      // sends nothing, so its action (Publish, Submit…) rides in a hidden field instead.
      // Wagtail may also have replaced the footer with the edit view's by now.
      let action = null;
      if (button && button.name) {
        action = document.createElement("input");
        action.type = "hidden";
        action.name = button.name;
        action.value = button.value;
        form.append(action);
      }
      try {
        form.requestSubmit();
      } finally {
        // The form's data is taken when it is submitted; a cancelled submit keeps no action.
        if (action) action.remove();
      }
    }

    form.addEventListener("w-autosave:save", (event) => {
      if (submitted) {
        event.preventDefault();
        return;
      }
      saving = true;
    });
    form.addEventListener("w-autosave:success", release);
    form.addEventListener("w-autosave:error", release);

    // Capture on the form runs before Wagtail's own submit handlers there.
    form.addEventListener(
      "submit",
      (event) => {
        if (!saving) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        held = { button: event.submitter };
        clearTimeout(timer);
        timer = setTimeout(release, LONGEST_WAIT_MS);
      },
      true,
    );
    // On the document, after every handler on the form: the submit that really goes.
    document.addEventListener("submit", (event) => {
      if (event.target === form && !event.defaultPrevented) submitted = true;
    });
  }

  document.querySelectorAll("form[data-controller~='w-autosave']").forEach(guard);
})();
