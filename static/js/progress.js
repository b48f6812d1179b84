// Progress charts (Chart.js, served locally). Every chart also has a text alternative in the page.
(function () {
  "use strict";

  const source = document.getElementById("progress-data");
  if (!source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  const css = getComputedStyle(document.documentElement);
  const color = (name) => css.getPropertyValue(name).trim();
  const accent = color("--accent");
  const good = color("--good");
  const bad = color("--bad");
  const muted = color("--muted");
  const border = color("--border");
  Chart.defaults.color = muted;
  Chart.defaults.borderColor = border;
  Chart.defaults.font.family = color("--font") || "system-ui";
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  function draw(id, config) {
    const canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }

  const shortDate = (iso) => new Date(iso).toLocaleDateString([], { month: "short", day: "numeric" });

  if (data.mastery.length) {
    draw("chart-mastery", {
      type: "bar",
      data: {
        labels: data.mastery.map((m) => m.topic),
        datasets: [
          {
            label: "95% band",
            data: data.mastery.map((m) => [m.low, m.high]),
            backgroundColor: "rgba(134, 142, 150, 0.25)",
            barPercentage: 0.35,
            grouped: false,
          },
          {
            label: "Accuracy (%)",
            data: data.mastery.map((m) => m.percent),
            backgroundColor: data.mastery.map((m) => (m.percent < 60 ? bad : m.percent < 80 ? accent : good)),
            barPercentage: 0.7,
            grouped: false,
          },
        ],
      },
      options: {
        indexAxis: "y",
        scales: { x: { min: 0, max: 100, title: { display: true, text: "% right" } } },
        plugins: { legend: { display: false } },
      },
    });
  }

  if (data.scores.length) {
    draw("chart-scores", {
      type: "line",
      data: {
        labels: data.scores.map((s) => shortDate(s.date)),
        datasets: [{ label: "Score (%)", data: data.scores.map((s) => s.percent), borderColor: accent, backgroundColor: accent, tension: 0.25 }],
      },
      options: {
        scales: { y: { min: 0, max: 100 } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { title: (items) => data.scores[items[0].dataIndex].title } } },
      },
    });
  }

  // Calendar heatmap: one column per week, one row per weekday.
  const first = new Date(data.heatmap[0].date + "T00:00:00");
  const offset = (first.getDay() + 6) % 7; // Monday = 0
  const peak = Math.max(1, ...data.heatmap.map((d) => d.n));
  draw("chart-heatmap", {
    type: "matrix",
    data: {
      datasets: [
        {
          label: "Reviews",
          data: data.heatmap.map((d, i) => ({ x: Math.floor((i + offset) / 7), y: (i + offset) % 7, v: d.n, d: d.date })),
          backgroundColor: (ctx) => {
            const v = ctx.raw ? ctx.raw.v : 0;
            return v ? `rgba(30, 123, 69, ${0.2 + 0.8 * (v / peak)})` : "rgba(134, 142, 150, 0.15)";
          },
          width: ({ chart }) => (chart.chartArea || {}).width / 21 - 2,
          height: ({ chart }) => (chart.chartArea || {}).height / 7 - 2,
        },
      ],
    },
    options: {
      scales: {
        x: { type: "linear", display: false, min: -0.5, max: 20.5, offset: false },
        y: { type: "linear", reverse: true, min: -0.5, max: 6.5, ticks: { stepSize: 1, callback: (v) => ["Mon", "", "Wed", "", "Fri", "", "Sun"][v] }, grid: { display: false } },
      },
      plugins: { legend: { display: false }, tooltip: { callbacks: { title: (items) => items[0].raw.d, label: (item) => `${item.raw.v} reviews` } } },
    },
  });

  draw("chart-forecast", {
    type: "bar",
    data: {
      labels: data.forecast.map((d) => shortDate(d.date + "T00:00:00")),
      datasets: [{ label: "Cards due", data: data.forecast.map((d) => d.n), backgroundColor: accent }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });

  const states = data.states;
  draw("chart-states", {
    type: "doughnut",
    data: {
      labels: ["New", "Learning", "Review", "Relearning", "Suspended"],
      datasets: [{ data: [states.new, states.learning, states.review, states.relearning, states.suspended], backgroundColor: ["#1c7ed6", "#e8590c", good, bad, "#868e96"] }],
    },
    options: { plugins: { legend: { position: "right" } } },
  });
})();
