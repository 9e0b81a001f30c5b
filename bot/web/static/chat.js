"use strict";
// The chat widget: posts to its own server's /api/chat, which relays to Rasa, and keeps the conversation in
// sessionStorage, so a reload within the browser session restores it. Every text goes in through textContent,
// never as HTML.
(() => {
  const STORE_KEY = "a4p-webchat";
  const MAX_MESSAGES = 200;
  // The page's wording in each language, put into the page by the server from data/wording.yaml.
  const STRINGS = JSON.parse(document.getElementById("wording").textContent);

  const $ = (id) => document.getElementById(id);
  const log = $("log");
  const input = $("text");
  const languageSwitch = $("lang");
  const SENDER = /^[A-Za-z0-9-]{8,64}$/;  // what the relay accepts
  const FROM = ["user", "bot", "error"];
  const JOIN = /^\/?(?:join|加入)\s*[:：]?\s*([A-Za-z0-9]{6})(?:\s+\S.*)?$/i;  // what joins a class quiz when typed (a name may follow)
  const CLASS_CODE = /^[A-Za-z0-9]{6}$/;
  const state = restore();
  let queue = Promise.resolve();
  let classStream = null;  // the class quiz followed: its questions arrive when the trainer moves on
  let endsAt = null;  // when the open class question closes (ms)
  let pendingJoin = null;  // the class quiz code of the link the page was opened with, until the trainee joins
  const MAX_NAME = 60;  // characters of a trainee's name; the assistant takes 64 after "join CODE"

  function randomSender() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));  // randomUUID needs a secure context; this does not
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function isWebUrl(text) {
    try {
      return ["http:", "https:"].includes(new URL(text).protocol);
    } catch (error) {
      return false;
    }
  }

  // A message as the log shows it, from a reply or a saved entry; null when it holds nothing to show, so that
  // one damaged entry cannot keep the others from being restored.
  function clean(entry, from) {
    if (!entry || typeof entry !== "object" || !FROM.includes(from)) return null;
    const buttons = (Array.isArray(entry.buttons) ? entry.buttons : [])
      .filter((b) => b && typeof b.payload === "string")
      .map((b) => ({ title: typeof b.title === "string" ? b.title : "", payload: b.payload }));
    const text = typeof entry.text === "string" ? entry.text : "";
    const image = typeof entry.image === "string" && isWebUrl(entry.image) ? entry.image : "";
    return text || buttons.length || image ? { from, text, buttons, image, used: entry.used === true } : null;
  }

  function restore() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORE_KEY));
      if (saved && SENDER.test(saved.sender) && Array.isArray(saved.messages) && Object.hasOwn(STRINGS, saved.lang)) {
        return { ...saved, messages: saved.messages.map((m) => clean(m, m && m.from)).filter(Boolean) };
      }
    } catch (error) {
      // No storage (private mode, blocked) or a damaged entry: start afresh.
    }
    const lang = (navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en";
    return { sender: randomSender(), lang, messages: [] };
  }

  function save() {
    state.messages = state.messages.slice(-MAX_MESSAGES);
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (error) {
      // Storage full or blocked: the conversation still works, it just won't survive a reload.
    }
  }

  const strings = () => STRINGS[state.lang];
  const textLanguage = (text) => (/[\u3400-\u9fff]/.test(text) ? "zh-CN" : "en");

  function applyStrings() {
    const s = strings();
    document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
    document.title = s.title;
    $("title").textContent = s.title;
    $("hint").textContent = s.hint;
    $("text-label").textContent = s.label;
    input.placeholder = s.placeholder;
    $("send").textContent = s.send;
    $("typing").textContent = s.typing;
    languageSwitch.checked = state.lang === "zh";
    languageSwitch.setAttribute("aria-label", s.language);
  }

  function quickReplies(message) {
    const group = document.createElement("div");
    group.className = "quick";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", strings().suggestions);
    for (const { title, payload } of message.buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = title || payload;
      button.disabled = Boolean(message.used);
      button.addEventListener("click", () => {
        message.used = true;
        group.querySelectorAll("button").forEach((b) => { b.disabled = true; });
        input.focus();  // the pressed button is now disabled; keep keyboard users in the conversation
        ask(payload, title || payload);
      });
      group.append(button);
    }
    return group;
  }

  function bubble(message) {
    const item = document.createElement("div");
    item.className = `msg ${message.from}`;
    if (message.text) {
      const who = document.createElement("span");
      who.className = "visually-hidden";
      who.textContent = message.from === "user" ? strings().you : strings().bot;
      const text = document.createElement("p");
      text.lang = textLanguage(message.text);
      // The report writes thousands with a space ("1 067"): keep such a number on one line.
      text.textContent = message.text.replace(/(\d) (?=\d{3}(?!\d))/g, "$1\u00a0");
      item.append(who, text);
    }
    if (message.image) {
      const image = document.createElement("img");
      image.src = message.image;
      image.alt = strings().image;  // the page's own words: nothing in a reply decides what is read out
      item.append(image);
    }
    if (message.buttons.length) item.append(quickReplies(message));
    return item;
  }

  function render() {
    log.replaceChildren(...state.messages.map(bubble));
    $("hint").hidden = state.messages.length > 0;
    log.scrollTop = log.scrollHeight;
  }

  function add(message) {
    state.messages.push(message);
    save();
    log.append(bubble(message));
    $("hint").hidden = true;
    log.scrollTop = log.scrollHeight;
  }

  class Unanswered extends Error {}  // its message is for the user

  // The replies to `message`, or Unanswered with the server's explanation.
  async function post(message) {
    const response = await fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: state.sender, message, metadata: { language: state.lang } }),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Unanswered((body && body.message && body.message[state.lang]) || strings().unreachable);
    return Array.isArray(body) ? body : [];
  }

  // Sends `message`; `shown` is the user's bubble, or null for commands the user did not type.
  // Requests go one after another so replies stay in order; the promise settles once the replies are shown.
  function ask(message, shown) {
    if (shown !== null) add({ from: "user", text: shown, buttons: [] });
    queue = queue.then(async () => {
      $("typing").hidden = false;
      try {
        for (const reply of await post(message)) {
          const bot = clean(reply, "bot");
          if (bot) add(bot);
        }
      } catch (error) {
        add({ from: "error", text: error instanceof Unanswered ? error.message : strings().unreachable, buttons: [] });
      } finally {
        $("typing").hidden = true;
      }
    });
    return queue;
  }

  // Whether the log already shows this message (the chat's reply and the stream can both bring a question).
  // A question is known by its buttons (they name its item; its text says the seconds left, which change), any
  // other message by its text.
  function shown(message) {
    const payloads = (m) => m.buttons.map((b) => b.payload).join("\n");
    const same = message.buttons.length ? (m) => payloads(m) === payloads(message) : (m) => !m.buttons.length && m.text === message.text;
    return state.messages.some((m) => m.from === "bot" && same(m));
  }

  function tick() {
    const left = endsAt === null ? 0 : Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
    $("countdown").hidden = endsAt === null;
    $("countdown").textContent = left ? strings().countdown.replace("{seconds}", left) : strings().times_up;
  }

  function showClass(view) {
    endsAt = view.state === "question" && typeof view.seconds_left === "number" && view.chosen === null
      ? Date.now() + view.seconds_left * 1000 : null;
    tick();
    for (const entry of Array.isArray(view.messages) ? view.messages : []) {
      const message = clean(entry, "bot");
      if (message && !shown(message)) add(message);
    }
    if (view.state === "finished" || view.state === "done") unfollow();
  }

  function unfollow() {
    if (classStream) classStream.close();
    classStream = null;
    endsAt = null;
    tick();
    state.classCode = null;
    save();
  }

  function follow(code) {
    if (!CLASS_CODE.test(code)) return;
    if (classStream) classStream.close();
    state.classCode = code.toUpperCase();
    save();
    classStream = new EventSource(`/api/class/${state.classCode}/events?sender=${state.sender}`);
    classStream.addEventListener("class", (event) => {
      try {
        showClass(JSON.parse(event.data));
      } catch (error) {
        // A damaged event: the next change sends the whole view again.
      }
    });
    classStream.addEventListener("error", () => {
      // A server restart is retried by the browser; a refusal (no such quiz) closes the stream for good.
      if (classStream && classStream.readyState === EventSource.CLOSED) unfollow();
    });
  }

  // The page opened with a class quiz's link: the next thing sent is the trainee's name (or nothing), and joins.
  function joinAs(code, name) {
    pendingJoin = null;
    input.placeholder = strings().placeholder;
    const typed = strings().join_command.replace("{code}", code) + (name ? ` ${name.slice(0, MAX_NAME)}` : "");
    ask(typed, typed).then(() => follow(code));
  }

  // A code that is not one (400), or a quiz that no longer or never took trainees (410/404), is said so at once,
  // not after asking a name; when the server cannot say, the name is asked and the chat's answer to the join tells.
  async function offerJoin(code) {
    const response = await fetch(`/api/class/${code}`, { cache: "no-store" }).catch(() => null);
    const body = response ? await response.json().catch(() => null) : null;
    const why = response && [400, 404, 410].includes(response.status) && body && body.message && body.message[state.lang];
    if (why) {
      add({ from: "bot", text: why, buttons: [] });
      return;
    }
    pendingJoin = code;
    add({ from: "bot", text: strings().join_name.replace("{code}", code), buttons: [] });
    input.placeholder = strings().your_name;
    input.focus();
  }

  $("form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (pendingJoin && !JOIN.test(text)) {
      input.value = "";
      joinAs(pendingJoin, text);
      return;
    }
    if (!text) return;
    input.value = "";
    const joined = JOIN.exec(text);
    // The quiz's stream is followed once the chat has answered the join, so that its messages come after.
    ask(text, text).then(() => joined && follow(joined[1]));
  });

  languageSwitch.addEventListener("change", () => {
    state.lang = languageSwitch.checked ? "zh" : "en";
    save();
    applyStrings();
    render();
    ask(`/set_language${JSON.stringify({ language: state.lang })}`, null);
  });

  applyStrings();
  render();
  setInterval(() => { if (endsAt !== null) tick(); }, 250);
  // /?join=CODE (the trainer's link or QR code): asks the trainee's name, then joins as if they had typed
  // "join CODE name"; the link is taken off the address, so a reload does not ask again.
  // Only letters and digits reach the server's address: "K7P-2QX" read off a screen is K7P2QX.
  const joining = (new URLSearchParams(location.search).get("join") || "").replace(/[^A-Za-z0-9]/g, "").slice(0, 32).toUpperCase();
  if (joining) {
    history.replaceState(null, "", location.pathname);
    offerJoin(joining);
  } else if (state.classCode) {
    follow(state.classCode);
  }
})();
