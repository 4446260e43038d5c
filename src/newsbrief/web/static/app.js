// Progressive enhancement: the pages work without this script; with it, the sources column shows one document at
// a time and hovering or focusing a source chip highlights that sentence in that document.
(function () {
  "use strict";

  function addTextButton() {
    const button = document.getElementById("add-text");
    const texts = document.getElementById("texts");
    if (!button || !texts) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      const n = texts.querySelectorAll("textarea").length;
      const field = document.createElement("p");
      field.className = "field";
      const label = document.createElement("label");
      label.htmlFor = "text-" + n;
      label.textContent = "Article " + (n + 1);
      const area = document.createElement("textarea");
      area.id = "text-" + n;
      area.name = "text";
      area.rows = 6;
      field.append(label, area);
      texts.append(field);
      area.focus();
    });
  }

  function sourcesPanel() {
    const documents = Array.from(document.querySelectorAll(".document"));
    if (!documents.length) return;
    const panel = document.querySelector(".sources");
    const tabs = document.querySelector(".doc-tabs");
    const tabButtons = tabs ? Array.from(tabs.querySelectorAll("button")) : [];

    function show(doc) {
      documents.forEach(function (d) { d.hidden = d.dataset.doc !== String(doc); });
      tabButtons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.doc === String(doc))); });
    }

    function clear() {
      document.querySelectorAll(".hl").forEach(function (e) { e.classList.remove("hl"); });
    }

    function highlight(chip) {
      clear();
      const doc = chip.dataset.doc;
      show(doc);
      chip.classList.add("hl");
      if (chip.dataset.sentence === undefined) return;
      const sentence = document.getElementById("s" + chip.dataset.sentence);
      if (sentence) sentence.classList.add("hl");
      // on a narrow screen the source is far below the brief: its "back" link returns to this sentence
      document.querySelectorAll("#doc-" + doc + " .back a").forEach(function (back) {
        back.href = "#s" + chip.dataset.sentence;
        back.textContent = "Back to sentence " + (Number(chip.dataset.sentence) + 1);
      });
      const marks = document.querySelectorAll("#doc-" + doc + " .s" + chip.dataset.sentence);
      marks.forEach(function (m) { m.classList.add("hl"); });
      if (marks.length && panel.scrollHeight > panel.clientHeight) {
        const offset = marks[0].getBoundingClientRect().top - panel.getBoundingClientRect().top;
        panel.scrollTop += offset - panel.clientHeight / 3;
      }
    }

    document.querySelectorAll(".chip, .doc-link").forEach(function (chip) {
      chip.addEventListener("mouseenter", function () { highlight(chip); });
      chip.addEventListener("focus", function () { highlight(chip); });
      chip.addEventListener("click", function () { highlight(chip); });
    });
    tabButtons.forEach(function (b) {
      b.addEventListener("click", function () { clear(); show(b.dataset.doc); });
    });
    if (tabs) tabs.hidden = false;
    const first = document.querySelector(".chip");
    const target = /^#doc-\d+$/.test(location.hash) ? location.hash.slice(5) : first ? first.dataset.doc : "0";
    show(target);
  }

  // What is new since the reader's last visit: the brief's sentences and the sources (or a story's articles)
  // shown then are kept in this browser's localStorage under the page's cluster or story id; those not shown
  // then are marked "new". Nothing leaves the browser; without storage (private mode) nothing is marked.
  function lastVisitMarks() {
    const status = document.getElementById("visit-status");
    if (!status) return;
    const key = "newsbrief:last-visit:" + status.dataset.visit;
    // a sentence by its text, a source by its line (title, outlet, date), a story's article by its id
    const listed = status.dataset.others === "article" ? "table.articles tbody tr" : ".source-list li";
    const items = Array.from(document.querySelectorAll(".sentences li.sentence, " + listed));
    function keyOf(e) {
      if (e.cells) return "article:" + e.cells[0].textContent.trim();
      const text = e.querySelector(".text");
      return (text ? "sentence:" + text.textContent : "source:" + e.textContent).replace(/\s+/g, " ").trim();
    }
    const keys = items.map(keyOf);
    const now = { time: new Date().toISOString(), keys: keys };
    let before = null;
    try {
      before = JSON.parse(window.localStorage.getItem(key) || "null");
      window.localStorage.setItem(key, JSON.stringify(now));
    } catch (error) {
      return;
    }
    if (!before || !Array.isArray(before.keys)) {
      status.textContent = "Your first visit to this page: what is new will be marked on your next one.";
      status.hidden = false;
      return;
    }
    const known = new Set(before.keys);
    let sentences = 0, others = 0;
    items.forEach(function (e, i) {
      if (known.has(keys[i])) return;
      e.classList.add("new");
      const badge = document.createElement("span");
      badge.className = "badge new";
      badge.textContent = "new";
      badge.title = "new since your last visit";
      if (e.cells) e.cells[e.cells.length > 1 ? 1 : 0].append(" ", badge);  // a story's article row
      else (e.querySelector(".text") || e.firstElementChild).after(" ", badge);
      if (e.closest(".sentences")) sentences += 1; else others += 1;
    });
    const when = String(before.time || "").slice(0, 16).replace("T", " ");
    const counts = [[sentences, "sentence"], [others, status.dataset.others || "source"]].filter(function (c) {
      return c[0] > 0;
    });
    const said = counts.map(function (c) { return c[0] + " " + c[1] + (c[0] === 1 ? "" : "s"); });
    status.textContent = said.length
      ? "New since your last visit (" + when + " UTC): " + said.join(", ") + "."
      : "Nothing new since your last visit (" + when + " UTC).";
    status.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    addTextButton();
    sourcesPanel();
    lastVisitMarks();
  });
})();
