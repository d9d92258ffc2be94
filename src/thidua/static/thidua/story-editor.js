// The exemplar's story editor (docs/adr/0019-story-editor.md). A <textarea data-rich-text>
// becomes a Squire editor (vendor/squire/squire.js) under the toolbar of the page's
// <template id="story-editor-tools">; the textarea, hidden, keeps the story's HTML for the
// form. Without JavaScript the textarea stays and the officer writes there.
//
// The Content-Security-Policy allows no inline style: nothing here writes a style="" attribute,
// and every piece of HTML that reaches the editor (the stored story, a paste, a drop) loses
// its attributes but href before it is parsed, then is rebuilt element by element from the
// tags the server keeps (exemplars/richtext.py), so a pasted style, script, event handler or
// image never enters the page. The server sanitises
// again with nh3 on saving: this copy is for the officer's eyes, that one is the guard.
(function () {
  "use strict";

  // Squire edits with B, I and U; the story stores STRONG and EM (what richtext.TAGS keeps).
  var EDITOR_TAGS = {
    P: "P", DIV: "P", BR: "BR", B: "B", STRONG: "B", I: "I", EM: "I", U: "U", UL: "UL", OL: "OL", LI: "LI",
    A: "A", H1: "H3", H2: "H3", H3: "H3", H4: "H4", H5: "H4", H6: "H4", BLOCKQUOTE: "BLOCKQUOTE",
  };
  var STORED_TAGS = { B: "strong", I: "em" };
  // Elements dropped with their content: code, media and form controls have no place in a story.
  var DROPPED = /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|IFRAME|FRAME|OBJECT|EMBED|SVG|MATH|CANVAS|VIDEO|AUDIO|PICTURE|IMG|HEAD|TITLE|META|LINK|INPUT|TEXTAREA|SELECT|BUTTON)$/i;
  var MEDIA = /^(IMG|PICTURE|VIDEO|AUDIO|SVG|CANVAS|IFRAME|OBJECT|EMBED)$/i;
  var BLOCKS = "p, div, ul, ol, li, h1, h2, h3, h4, h5, h6, blockquote";
  var WEB_ADDRESS = /^https?:\/\/[^\s<>"]+$/i;
  var REL = "noopener noreferrer nofollow"; // what nh3 sets on every link (richtext.sanitise)

  var TAG = /<[a-zA-Z][^\s\/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;
  var ATTRIBUTE = /(\s+)([^\s"'>\/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

  // HTML with no attribute but href. Chromium checks a style="" or on*="" attribute against
  // the policy as soon as it is parsed, even in an inert <template>: it refuses nothing
  // there but reports a violation on the console. Only href is kept by clean() anyway; one
  // this misses (malformed markup) costs a console report, never a style or a handler.
  function unattributed(html) {
    return html.replace(TAG, function (tag) {
      return tag.replace(ATTRIBUTE, function (all, space, name) { return name.toLowerCase() === "href" ? all : ""; });
    });
  }

  // HTML → a fragment of the allowed tags only (STORED: the story's own tag names, links with
  // nh3's rel). Parsed in an inert <template>: nothing in it loads, runs or is styled.
  // report.media is set when an image or other media was left out.
  function clean(html, stored, report) {
    var source = document.createElement("template");
    source.innerHTML = unattributed(html || "");
    var out = document.createDocumentFragment();
    copy(source.content, out, stored, report || {});
    return out;
  }

  function copy(from, to, stored, report) {
    for (var node = from.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === Node.TEXT_NODE) {
        var text = node.data.replace(/\u200B/g, "");
        // Squire keeps a space typed before a format or at a line's end as a no-break space
        // (else the browser would not show it); a single one between words is a space.
        if (stored) text = text.replace(/(^|\S)\u00A0(?!\s)/g, "$1 ");
        if (text) to.appendChild(document.createTextNode(text));
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      var name = node.nodeName.toUpperCase();
      if (DROPPED.test(name)) {
        if (MEDIA.test(name)) report.media = true;
        continue;
      }
      var tag = EDITOR_TAGS[name];
      var href = tag === "A" ? (node.getAttribute("href") || "").trim() : "";
      if (tag === "A" && !WEB_ADDRESS.test(href)) tag = null; // keep the words, not the link
      if (name === "DIV" && node.querySelector(BLOCKS)) tag = null; // a wrapper, not a paragraph
      if (!tag) {
        copy(node, to, stored, report);
        continue;
      }
      var el = document.createElement(stored ? STORED_TAGS[tag] || tag.toLowerCase() : tag);
      if (tag === "A") {
        el.setAttribute("href", href);
        if (stored) el.setAttribute("rel", REL);
      }
      copy(node, el, stored, report);
      to.appendChild(el);
    }
  }

  // The story as the form posts it: the allowed tags, no empty line left at the end, "" when
  // nothing was written (the server then says the story is required).
  function storyHTML(editor) {
    var box = document.createElement("div");
    box.appendChild(clean(editor.getHTML(), true));
    var blocks = box.querySelectorAll("p, h3, h4, li, blockquote, ul, ol");
    for (var i = blocks.length - 1; i >= 0; i--) { // innermost first
      var el = blocks[i];
      var last = el.lastChild;
      if (last && last.nodeName === "BR" && last.previousSibling) el.removeChild(last);
      if (!el.textContent.trim()) el.parentNode.removeChild(el);
    }
    return box.textContent.trim() ? box.innerHTML : "";
  }

  // A story of plain text (typed without JavaScript) opens as its paragraphs.
  function asHTML(value) {
    if (/<[a-z][^>]*>/i.test(value)) return value;
    var box = document.createElement("div");
    value.split(/\n\s*\n/).forEach(function (para) {
      if (!para.trim()) return;
      var p = document.createElement("p");
      para.split("\n").forEach(function (line, n) {
        if (n) p.appendChild(document.createElement("br"));
        p.appendChild(document.createTextNode(line));
      });
      box.appendChild(p);
    });
    return box.innerHTML;
  }

  function hasFiles(transfer) {
    return !!transfer && Array.prototype.indexOf.call(transfer.types || [], "Files") >= 0;
  }

  // The blocks of the selection become headings, or paragraphs again when they are headings.
  function toggleHeading(editor) {
    var heading = editor.hasFormat("H3");
    editor.modifyBlocks(function (frag) {
      Array.prototype.slice.call(frag.childNodes).forEach(function (block) {
        if (!/^(P|H3|H4)$/.test(block.nodeName)) return;
        var el = document.createElement(heading ? "P" : "H3");
        while (block.firstChild) el.appendChild(block.firstChild);
        frag.replaceChild(el, block);
      });
      return frag;
    });
  }

  function enclosingLink(editor) {
    var node = editor.getSelection().startContainer;
    while (node && node !== editor.getRoot()) {
      if (node.nodeName === "A") return node;
      node = node.parentNode;
    }
    return null;
  }

  function init(textarea, tools) {
    var box = tools.content.firstElementChild.cloneNode(true);
    var area = box.querySelector(".story-area");
    var toolbar = box.querySelector("[role=toolbar]");
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
    var linkRow = box.querySelector(".story-link");
    var linkInput = linkRow.querySelector("input");
    var message = box.querySelector(".story-message");
    var report = {};

    function say(key) {
      var text = box.querySelector("[data-message=" + key + "]");
      message.textContent = text ? text.textContent : "";
    }

    // The field's label and help now speak of the editor, not of the hidden textarea.
    var label = textarea.id && document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      label.id = label.id || textarea.id + "-label";
      label.removeAttribute("for");
      area.setAttribute("aria-labelledby", label.id);
    }
    var help = textarea.parentNode.querySelector(".form-text");
    if (help) {
      help.id = help.id || textarea.id + "-help";
      area.setAttribute("aria-describedby", help.id);
    }
    if (textarea.classList.contains("is-invalid") || textarea.parentNode.querySelector(".invalid-feedback")) {
      area.classList.add("is-invalid");
      area.setAttribute("aria-invalid", "true");
    }
    textarea.parentNode.insertBefore(box, textarea);
    textarea.hidden = true;

    var editor = new Squire(area, {
      blockTag: "P",
      addLinks: false,
      sanitizeToDOMFragment: function (html) { return clean(html, false, report); },
    });
    editor.setHTML(asHTML(textarea.value));
    if (label) label.addEventListener("click", function () { editor.focus(); });

    function sync() {
      textarea.value = storyHTML(editor);
      if (report.media) {
        report.media = false;
        say("file");
      }
    }

    function refresh() {
      var on = {
        bold: editor.hasFormat("B"), italic: editor.hasFormat("I"), underline: editor.hasFormat("U"),
        heading: editor.hasFormat("H3"), bullets: editor.hasFormat("UL"), numbers: editor.hasFormat("OL"),
        quote: editor.hasFormat("BLOCKQUOTE"), link: editor.hasFormat("A"),
      };
      buttons.forEach(function (b) {
        if (!b.hasAttribute("aria-pressed")) return;
        var pressed = !!on[b.dataset.command];
        b.setAttribute("aria-pressed", pressed ? "true" : "false");
        b.classList.toggle("active", pressed);
      });
    }

    function openLink(open) {
      linkRow.hidden = !open;
      toolbar.querySelector("[data-command=link]").setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var a = enclosingLink(editor);
        linkInput.value = a ? a.getAttribute("href") : "https://";
        linkInput.focus();
        linkInput.select();
      }
    }

    var commands = {
      bold: function () { editor.hasFormat("B") ? editor.removeBold() : editor.bold(); },
      italic: function () { editor.hasFormat("I") ? editor.removeItalic() : editor.italic(); },
      underline: function () { editor.hasFormat("U") ? editor.removeUnderline() : editor.underline(); },
      heading: function () { toggleHeading(editor); },
      bullets: function () { editor.hasFormat("UL") ? editor.removeList() : editor.makeUnorderedList(); },
      numbers: function () { editor.hasFormat("OL") ? editor.removeList() : editor.makeOrderedList(); },
      quote: function () { editor.hasFormat("BLOCKQUOTE") ? editor.removeQuote() : editor.increaseQuoteLevel(); },
      link: function () { openLink(linkRow.hidden); },
      undo: function () { editor.undo(); },
      redo: function () { editor.redo(); },
    };

    // A click keeps the editor's selection: the button does not take the focus from it.
    toolbar.addEventListener("mousedown", function (e) {
      if (e.target.closest("button")) e.preventDefault();
    });
    toolbar.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-command]");
      if (!b) return;
      message.textContent = "";
      commands[b.dataset.command]();
      if (b.dataset.command !== "link") editor.focus();
      refresh();
      sync();
    });

    // One tab stop for the toolbar; the arrow keys, Home and End move along it (WAI-ARIA toolbar).
    function rove(to) {
      buttons.forEach(function (b) { b.tabIndex = b === to ? 0 : -1; });
      to.focus();
    }
    buttons.forEach(function (b, n) { b.tabIndex = n ? -1 : 0; });
    toolbar.addEventListener("keydown", function (e) {
      var at = buttons.indexOf(document.activeElement);
      if (at < 0) return;
      var to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      rove(buttons[(to + buttons.length) % buttons.length]);
    });

    function setLink() {
      var url = linkInput.value.trim();
      if (!WEB_ADDRESS.test(url)) {
        say("scheme");
        linkInput.focus();
        return;
      }
      message.textContent = "";
      editor.makeLink(url);
      openLink(false);
      editor.focus();
      refresh();
      sync();
    }
    linkRow.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-link]");
      if (!b) return;
      if (b.dataset.link === "set") {
        setLink();
        return;
      }
      editor.removeLink();
      openLink(false);
      editor.focus();
      refresh();
      sync();
    });
    linkInput.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { // not the form's submit
        e.preventDefault();
        setLink();
      } else if (e.key === "Escape") {
        e.preventDefault();
        openLink(false);
        editor.focus();
      }
    });

    // No file into the story: photos have their own upload on the exemplar's page.
    box.addEventListener("dragover", function (e) {
      if (hasFiles(e.dataTransfer)) {
        e.preventDefault();
        e.dataTransfer.dropEffect = "none";
      }
    }, true);
    box.addEventListener("drop", function (e) {
      if (!hasFiles(e.dataTransfer)) return;
      e.preventDefault();
      e.stopPropagation();
      say("file");
    }, true);
    box.addEventListener("paste", function (e) {
      var data = e.clipboardData;
      if (!hasFiles(data) || Array.prototype.indexOf.call(data.types, "text/html") >= 0
          || Array.prototype.indexOf.call(data.types, "text/plain") >= 0) return;
      e.preventDefault();
      e.stopPropagation();
      say("file");
    }, true);

    editor.addEventListener("input", sync);
    ["pathChange", "select", "cursor"].forEach(function (type) { editor.addEventListener(type, refresh); });
    var form = textarea.form;
    if (form) form.addEventListener("submit", sync, true);
    sync();
    refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tools = document.getElementById("story-editor-tools");
    if (!tools || !window.Squire) return;
    document.querySelectorAll("textarea[data-rich-text]").forEach(function (textarea) { init(textarea, tools); });
  });
})();
