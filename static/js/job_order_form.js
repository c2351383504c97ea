// The job-order form, quicker with JavaScript (it works without: see docs/vacancies.md).
// 1. Occupation and skill searches: the same round trip as the "Search" buttons (the whole
//    form posted with find=<chooser>), but only that chooser's options are replaced, as you
//    type. What is ticked stays ticked: the server offers it again, checked.
// 2. Choosing the occupation offers its essential skills at once.
// 3. When the browser refuses to send the form (a required field empty, a number out of
//    range), its messages are listed at the top too, each linking to its field.
(function () {
  "use strict";
  var form = document.querySelector("form[data-job-order-form]");
  if (!form || !window.fetch || !window.DOMParser) return;

  function options(name, root) {
    return (root || document).querySelector('[data-chooser="' + name + '"] [data-chooser-options]');
  }

  function status(name, root) {
    return (root || document).querySelector('[data-chooser="' + name + '"] [data-chooser-status]');
  }

  var pending = {};
  function search(name, also) {
    var data = new FormData(form);
    data.delete("contract_template");  // a search never needs the file
    data.set("find", name);
    var ticket = (pending[name] || 0) + 1;
    pending[name] = ticket;
    return fetch(form.getAttribute("action") || window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-Requested-With": "fetch"}
    }).then(function (response) { return response.text(); }).then(function (html) {
      if (pending[name] !== ticket) return;  // a later search is on its way
      var page = new DOMParser().parseFromString(html, "text/html");
      [name].concat(also || []).forEach(function (each) {
        var fresh = options(each, page), current = options(each);
        if (fresh && current) current.replaceWith(merge(current, fresh));
        // The status line stays in place (a live region), only its words change.
        var said = status(each, page), shown = status(each);
        if (said && shown) shown.textContent = said.textContent;
      });
    }).catch(function () { /* the Search button still works */ });
  }

  // Ticks made while the answer was on its way win over the answer; a ticked option the new
  // search did not find stays, at the top of the list.
  function merge(current, fresh) {
    var now = {};
    current.querySelectorAll("input").forEach(function (box) { now[box.value] = box; });
    fresh.querySelectorAll("input").forEach(function (box) {
      if (now[box.value]) { box.checked = now[box.value].checked; delete now[box.value]; }
    });
    var kept = Object.keys(now).map(function (v) { return now[v]; })
      .filter(function (box) { return box.checked; });
    var first = fresh.querySelector("input");
    if (!kept.length) return fresh;
    if (!first) return current;  // nothing new to offer: keep what is ticked
    var list = first.closest("label").parentNode.parentNode;
    kept.reverse().forEach(function (box) {
      var label = box.closest("label");
      box.id += "_kept";
      label.htmlFor = box.id;
      list.insertBefore(label.parentNode, list.firstChild);
    });
    return fresh;
  }

  var timers = {};
  form.querySelectorAll("[data-chooser]").forEach(function (chooser) {
    var name = chooser.getAttribute("data-chooser");
    var box = chooser.querySelector('input[type="search"]');
    var button = chooser.querySelector('button[name="find"]');
    button.addEventListener("click", function (event) {
      event.preventDefault();
      search(name);
    });
    box.addEventListener("input", function () {
      clearTimeout(timers[name]);
      if (box.value.trim().length === 1) return;
      timers[name] = setTimeout(function () { search(name); }, 300);
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {  // search, never save the form
        event.preventDefault();
        clearTimeout(timers[name]);
        search(name);
      }
    });
  });

  form.addEventListener("change", function (event) {
    if (event.target.name === "occupation") search("essential_skills");
  });

  var summary = form.querySelector("[data-browser-errors]");
  var refused = [];
  form.addEventListener("invalid", function (event) {
    if (!refused.length) setTimeout(show, 0);
    refused.push(event.target);
  }, true);
  function show() {
    var list = summary.querySelector("ul");
    list.textContent = "";
    var seen = {};
    refused.forEach(function (field) {
      if (seen[field.name]) return;  // a radio group fires once per button
      seen[field.name] = true;
      var group = field.type === "radio" && field.closest("fieldset");
      var label = group ? group.querySelector("legend") : field.labels && field.labels[0];
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = "#" + field.id;
      link.textContent = (label ? label.textContent.trim() + ": " : "") + field.validationMessage;
      item.appendChild(link);
      list.appendChild(item);
    });
    refused = [];
    summary.hidden = false;
  }
  form.addEventListener("submit", function () { summary.hidden = true; });
})();
