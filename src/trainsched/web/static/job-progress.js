// Live progress of a solve job: follows the job's event stream and updates the page.
// Without JavaScript the page refreshes itself instead (a <noscript> meta refresh).
(function () {
  "use strict";
  var root = document.getElementById("job");
  if (!root || !root.dataset.events || !window.EventSource) return;
  var bar = document.getElementById("job-progress");
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined, {
    maximumFractionDigits: 1
  });
  var shownState = root.dataset.state;

  function show(field, text) {
    var el = root.querySelector('[data-field="' + field + '"]');
    if (el) el.textContent = text;
  }

  function update(job) {
    if (job.state !== shownState) {
      // A new state brings new buttons and links: let the server draw them.
      window.location.reload();
      return;
    }
    bar.value = Math.min(job.elapsed_s, Number(bar.max));
    bar.textContent = Math.round((100 * bar.value) / Number(bar.max)) + "%";
    show("elapsed_s", numbers.format(job.elapsed_s));
    show("value", job.value === null ? "–" : numbers.format(job.value));
    show("bound", job.bound === null ? "–" : numbers.format(job.bound));
    show("gap", job.gap === null ? "–" : numbers.format(job.gap * 100) + "%");
    if (job.queue_position !== null) {
      show("queue_position", numbers.format(job.queue_position));
      show("queue_wait_min", numbers.format(Math.ceil(job.queue_wait_s / 60)));
    }
  }

  var source = new EventSource(root.dataset.events);
  source.addEventListener("progress", function (e) { update(JSON.parse(e.data)); });
  source.addEventListener("end", function () {
    source.close();
    window.location.reload();
  });
})();
