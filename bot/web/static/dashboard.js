"use strict";
// The trainer dashboard: lists and creates class quizzes, and follows one through server-sent events
// (/trainer/api/quizzes/CODE/events), so members, the answer chart and the leaderboard change without a reload.
// Every text goes in through textContent. The sign-in cookie goes with every request (same origin).
(() => {
  const STRINGS = JSON.parse(document.getElementById("wording").textContent);
  const LANG_KEY = "a4p-trainer-lang";
  const CODE = /^[A-Za-z0-9]{4,12}$/;
  const $ = (id) => document.getElementById(id);
  let lang = localStorage.getItem(LANG_KEY) === "zh" ? "zh" : "en";
  let selected = null;  // the code of the quiz shown
  let source = null;  // its EventSource
  let last = null;  // its last state
  let endsAt = null;  // when the open question closes (ms), or the self-paced quiz's deadline
  let timer = null;

  const s = () => STRINGS[lang];
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
  const api = (path) => `/trainer/api/quizzes${path}`;

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function percent(share) {
    return share === null || share === undefined ? "–" : `${Math.round(share * 100)}%`;
  }

  function applyStrings() {
    const t = s();
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = t.title;
    $("title").textContent = t.title;
    $("lang").textContent = t.switch_language;
    $("sign-out").textContent = t.sign_out;
    $("quizzes-title").textContent = t.quizzes;
    $("create-title").textContent = t.new_quiz;
    $("no-quizzes").textContent = t.no_quizzes;
    $("qr").alt = t.qr;
    document.querySelectorAll("[data-s]").forEach((node) => { node.textContent = t[node.dataset.s]; });
    if (last) render(last);
  }

  // A JSON request; throws an Error whose message is the server's explanation in the page's language.
  async function call(path, options = {}) {
    const response = await fetch(path, { headers: { "Content-Type": "application/json" }, ...options });
    const body = await response.json().catch(() => null);
    if (response.status === 401) location.reload();  // signed out meanwhile: the page shows how to sign in
    if (!response.ok) throw new Error((body && body.message && body.message[lang]) || s().failed);
    return body;
  }

  async function loadList() {
    let quizzes;
    try {
      quizzes = await call(api(""));
    } catch (error) {
      return;  // the list stays as it was; the next change reloads it
    }
    const list = $("quizzes");
    list.replaceChildren(...quizzes.map((quiz) => {
      const item = element("li");
      const link = element("a", `${quiz.code} · ${quiz.topic || s().any_topic} · ${s()[`state_${quiz.state}`]}`);
      link.href = `#${quiz.code}`;
      link.dataset.code = quiz.code;
      link.setAttribute("aria-current", String(quiz.code === selected));
      item.append(link);
      return item;
    }));
    $("no-quizzes").hidden = quizzes.length > 0;
  }

  function select(code) {
    if (!CODE.test(code) || code === selected) return;
    if (source) source.close();
    selected = code;
    last = null;
    document.querySelectorAll("#quizzes a").forEach((a) => a.setAttribute("aria-current", String(a.dataset.code === code)));
    $("quiz").hidden = false;
    $("qr").src = api(`/${code}/qr.svg`);
    source = new EventSource(api(`/${code}/events`));
    source.addEventListener("state", (event) => {
      const state = JSON.parse(event.data);
      if (state.code !== selected) return;
      const moved = !last || last.state !== state.state || last.position !== state.position;
      last = state;
      render(state);
      if (moved) loadList();
    });
  }

  function table(node, header, rows) {
    const head = element("tr");
    head.append(...header.map((title) => element("th", title)));
    node.tHead.replaceChildren(head);
    node.tBodies[0].replaceChildren(...rows.map((cells) => {
      const row = element("tr");
      row.append(...cells.map((cell) => element("td", cell, typeof cell === "number" ? "num" : "")));
      return row;
    }));
  }

  function renderQuestion(state) {
    const question = state.question;
    $("question").hidden = !question;
    if (!question) return;
    const t = s();
    $("question-title").textContent = fill(t.question, { n: question.position, total: state.size });
    $("prompt").textContent = question.prompt[lang];
    const most = Math.max(1, ...question.tally);
    // The right option is marked once the question has closed: the dashboard may be on the room's projector.
    const right = closed() ? question.answer : -1;
    $("chart").replaceChildren(...question.options[lang].map((option, index) => {
      const item = element("li", undefined, index === right ? "right" : "");
      const label = element("div", undefined, "label");
      const bar = element("span", undefined, "fill");
      bar.style.width = `${(100 * question.tally[index]) / most}%`;
      const mark = index === right ? ` ✓ ${t.right_answer}` : "";
      label.append(bar, element("span", `${"ABCD"[index]}. ${option}${mark}`, "text"));
      item.append(label, element("span", question.tally[index], "n"));
      return item;
    }));
    $("answered").textContent = fill(t.answered_count, { answered: question.answered, members: state.members.length });
  }

  function renderReport(state) {
    const report = state.report;
    $("report").hidden = !report;
    if (!report) return;
    const t = s();
    for (const kind of ["csv", "xlsx", "png"]) $(kind).href = api(`/${state.code}/report.${kind}?lang=${lang}`);
    $("hardest").replaceChildren(...report.hardest.map((q) => element("li", `Q${q.position} ${percent(q.share)} · ${q.prompt[lang]}`)));
    table($("per-question"), [t.position, t.prompt, t.right, t.answered, t.share],
      report.questions.map((q) => [q.position, q.prompt[lang], q.right, q.answered, percent(q.share)]));
    table($("per-trainee"), [t.name, t.channel, t.right, t.answered, t.share],
      report.trainees.map((p) => [p.name, t[`channel_${p.channel}`] || p.channel, p.right, p.answered, percent(p.share)]));
  }

  function render(state) {
    const t = s();
    $("code").textContent = state.code;
    $("link").textContent = state.join_url;
    $("link").href = state.join_url;
    const mode = state.live ? t.live : fill(t.self_paced_until, { deadline: state.deadline ? new Date(state.deadline).toLocaleString(lang === "zh" ? "zh-CN" : "en") : "–" });
    $("status").textContent = `${t[`state_${state.state}`]} · ${mode}` + (state.position ? ` · ${fill(t.question, { n: state.position, total: state.size })}` : "");
    $("member-count").textContent = `(${state.members.length})`;
    $("members").replaceChildren(...(state.members.length ? state.members.map((m) => element("li", `${m.name} · ${t[`channel_${m.channel}`] || m.channel}`))
      : [element("li", t.nobody_joined, "muted")]));
    const running = state.state === "running";
    $("start").hidden = !state.live;
    $("next").hidden = !state.live;
    $("start").disabled = state.state !== "waiting";
    $("next").disabled = !running || state.position >= state.size;
    $("finish").disabled = state.state === "finished";
    endsAt = state.remaining === null || state.remaining === undefined ? null : Date.now() + state.remaining * 1000;
    shownClosed = closed();
    tick();
    renderQuestion(state);
    table($("leaderboard"), [t.place, t.name, t.right, t.answered],
      state.leaderboard.map((row) => [row.place, row.name, row.right, row.answered]));
    renderReport(state);
  }

  // Whether the live question shown takes no more answers: its time is up, or the quiz is over.
  function closed() {
    return !last || last.state !== "running" || (endsAt !== null && Date.now() >= endsAt);
  }

  let shownClosed = false;
  function tick() {
    const t = s();
    if (endsAt === null || !last || last.state !== "running") {
      $("countdown").textContent = "";
      return;
    }
    const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
    $("countdown").textContent = left ? fill(t.countdown, { seconds: left }) : t.times_up;
    if (closed() !== shownClosed) {
      shownClosed = closed();
      renderQuestion(last);  // time is up: show the right answer
    }
  }

  async function act(action) {
    if (!selected) return;
    $("action-error").hidden = true;
    try {
      await call(api(`/${selected}/${action}`), { method: "POST", body: "{}" });
    } catch (error) {
      $("action-error").textContent = error.message;
      $("action-error").hidden = false;
    }
  }

  $("create").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const live = form.get("mode") === "live";
    const deadline = form.get("deadline");
    const body = {
      topic: form.get("topic").trim() || null,
      size: Number(form.get("size")),
      seconds: Number(form.get("seconds")),
      live,
      deadline: !live && deadline ? new Date(deadline).toISOString() : null,
      language: form.get("language"),
      difficulty: form.get("difficulty"),
    };
    $("create-error").hidden = true;
    try {
      const quiz = await call(api(""), { method: "POST", body: JSON.stringify(body) });
      await loadList();
      location.hash = quiz.code;
    } catch (error) {
      $("create-error").textContent = error.message;
      $("create-error").hidden = false;
    }
  });

  document.querySelectorAll("#create input[name=mode]").forEach((radio) => radio.addEventListener("change", () => {
    $("deadline-field").hidden = new FormData($("create")).get("mode") === "live";
  }));
  for (const action of ["start", "next", "finish"]) $(action).addEventListener("click", () => act(action));
  $("lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    localStorage.setItem(LANG_KEY, lang);
    applyStrings();
    loadList();
  });
  window.addEventListener("hashchange", () => select(location.hash.slice(1)));

  applyStrings();
  loadList();
  setInterval(tick, 250);
  setInterval(loadList, 15_000);  // quizzes made elsewhere (the command line, another trainer) appear too
  if (location.hash) select(location.hash.slice(1));
})();
