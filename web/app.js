/* Interview Outreach Coach: starts the rasa-webchat widget (served from /vendor/webchat.js)
 * against the Rasa server named in /config.js, and makes drafts easy to copy. */
(function () {
  "use strict";

  var config = window.COACH_CONFIG || {};
  var STORAGE_KEY = "chat_session"; // where rasa-webchat keeps the conversation (params.storage: local)

  function browserTimeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    } catch (e) {
      return "UTC";
    }
  }

  function showError(text) {
    var box = document.getElementById("webchat");
    var p = document.createElement("p");
    p.className = "coach-error";
    p.textContent = text; // never innerHTML
    box.appendChild(p);
  }

  if (!window.WebChat || !config.rasaUrl) {
    showError("The chat widget could not be loaded. Is the web server running with `npm ci` done?");
    return;
  }

  window.WebChat.default(
    {
      socketUrl: config.rasaUrl,
      socketPath: config.socketPath || "/socket.io/",
      initPayload: "/greet",
      // Sent with every message; Rasa's socketio channel puts it in the message metadata
      // (metadata_key: customData), the actions read metadata.timezone for "tomorrow", "Thursday"...
      customData: { timezone: browserTimeZone(), language: navigator.language || "en" },
      params: { storage: "local" },
      embedded: true,
      showFullScreenButton: false,
      showCloseButton: false,
      // Show the chat (with "Connecting…") while the server is not reachable, instead of a blank page.
      hideWhenNotConnected: false,
      connectingText: "Connecting to the coach…",
      title: "Interview Outreach Coach",
      subtitle: "When and how to reach out, and what to write",
      inputTextFieldHint: "Describe your situation, or pick a button…",
      // A short "typing" pause between bot messages (the widget's default is 0.8–3 s each).
      customMessageDelay: function (text) {
        return Math.min(700, 150 + 3 * String(text || "").length);
      },
    },
    document.getElementById("webchat") // render inside the page (null would append a div to <body>)
  );

  /* Drafts: the server sends a draft as one message ("Subject: ...\n\nDear ..."); show it as a
   * block that keeps its line breaks and give it a copy button. */
  function isDraft(markdown) {
    var text = (markdown.textContent || "").trim();
    return /^subject\s*:/i.test(text) || markdown.querySelectorAll("p").length > 1;
  }

  function draftText(markdown) {
    var paragraphs = markdown.querySelectorAll("p, li");
    if (!paragraphs.length) return (markdown.textContent || "").trim();
    return Array.prototype.map
      .call(paragraphs, function (p) {
        return (p.textContent || "").trim();
      })
      .join("\n\n");
  }

  function copy(text, button) {
    function done(ok) {
      button.textContent = ok ? "Copied" : "Select the text and copy it";
      setTimeout(function () {
        button.textContent = "Copy draft";
      }, 2000);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(
        function () {
          done(true);
        },
        function () {
          done(fallbackCopy(text));
        }
      );
    } else {
      done(fallbackCopy(text));
    }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "coach-offscreen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  /* Quick replies are <div>s in rasa-webchat: make them reachable and usable with the keyboard. */
  function keyboardReplies(root) {
    var replies = root.querySelectorAll(".rw-reply:not([tabindex])");
    Array.prototype.forEach.call(replies, function (reply) {
      reply.setAttribute("role", "button");
      reply.setAttribute("tabindex", "0");
      reply.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          reply.click();
        }
      });
    });
  }

  function decorate(root) {
    keyboardReplies(root);
    var bubbles = root.querySelectorAll(".rw-response:not([data-coach-checked])");
    Array.prototype.forEach.call(bubbles, function (bubble) {
      bubble.setAttribute("data-coach-checked", "1");
      var markdown = bubble.querySelector(".rw-markdown");
      if (!markdown || !isDraft(markdown)) return;
      bubble.classList.add("coach-draft");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "coach-copy";
      button.textContent = "Copy draft";
      button.addEventListener("click", function () {
        copy(draftText(markdown), button);
      });
      bubble.appendChild(button);
    });
  }

  /* Whether Rasa can be reached, said above the chat: the widget itself shows nothing while its socket
   * retries. Rasa's root URL answers every few seconds while it is down, every 15 s while it is up. */
  var status = document.getElementById("coach-status");
  var reachable = null; // null: not known yet
  var hideTimer = null;
  function say(text, kind) {
    clearTimeout(hideTimer);
    status.textContent = text;
    status.className = "coach-status coach-status-" + kind;
    status.hidden = false;
  }
  function checked(ok) {
    if (ok && reachable === false) {
      say("The coach is back. You can carry on where you left off.", "ok");
      hideTimer = setTimeout(function () {
        status.hidden = true;
      }, 6000);
    } else if (ok && reachable === null) {
      status.hidden = true;
    } else if (!ok) {
      say(
        "The coach can't be reached right now (" + config.rasaUrl + "). Trying again every few seconds; " +
          "your conversation is kept. If you run it yourself, start it with make run.",
        "down"
      );
    }
    reachable = ok;
    setTimeout(probe, ok ? 15000 : 3000);
  }
  function probe() {
    fetch(config.rasaUrl + "/", { cache: "no-store" }).then(
      function (response) {
        checked(response.ok);
      },
      function () {
        checked(false);
      }
    );
  }
  probe();

  var chat = document.getElementById("webchat");
  new MutationObserver(function () {
    decorate(chat);
  }).observe(chat, { childList: true, subtree: true });
  decorate(chat);

  var reset = document.getElementById("new-conversation");
  if (reset) {
    reset.addEventListener("click", function () {
      window.localStorage.removeItem(STORAGE_KEY);
      window.sessionStorage.removeItem(STORAGE_KEY);
      window.location.reload();
    });
  }
})();
