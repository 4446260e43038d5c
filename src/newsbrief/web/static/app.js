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

  document.addEventListener("DOMContentLoaded", function () {
    addTextButton();
    sourcesPanel();
  });
})();
