(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("timings").textContent);
  var audio = document.getElementById("audio");
  var spans = Array.prototype.slice.call(document.querySelectorAll("#transcript .c"));
  var cues = data.cues; // [start ms, end ms, [word starts, ms from the cue's start]]
  var chapters = Array.prototype.slice.call(document.querySelectorAll(".chapters button"));
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var highlight = null;
  if (window.CSS && CSS.highlights && typeof Highlight === "function") {
    highlight = new Highlight();
    CSS.highlights.set("aa-word", highlight);
  }
  var current = -1, currentWord = -1, currentChapter = -1, userScrolled = 0, frame = 0;
  var wordRanges = {};
  var tabbable = null; // one sentence is in the tab order (a roving tabindex), the others not
  function setTabbable(el) {
    if (tabbable) tabbable.tabIndex = -1;
    el.tabIndex = 0;
    tabbable = el;
  }
  for (var i = 0; i < spans.length; i++) spans[i].tabIndex = -1;
  if (spans.length) setTabbable(spans[0]);

  function last(list, ms) { // index of the last item whose start <= ms, or -1
    var lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] <= ms) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  var starts = cues.map(function (c) { return c[0]; });
  var chapterStarts = chapters.map(function (b) { return Number(b.dataset.start); });

  function ranges(k) { // one Range per whitespace-separated word of sentence k
    if (wordRanges[k]) return wordRanges[k];
    var node = spans[k].firstChild, out = [], re = /\S+/g, m;
    if (node && node.nodeType === 3) {
      while ((m = re.exec(node.data)) !== null) {
        var r = document.createRange();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        out.push(r);
      }
    }
    wordRanges[k] = out;
    return out;
  }

  function visible(el) {
    var box = el.getBoundingClientRect(), top = document.querySelector(".player").getBoundingClientRect().bottom;
    return box.top >= top && box.bottom <= window.innerHeight;
  }

  function show(k, follow) {
    if (k !== current) {
      if (current >= 0) {
        spans[current].classList.remove("now");
        spans[current].removeAttribute("aria-current");
      }
      current = k;
      currentWord = -1;
      if (k >= 0) {
        var s = spans[k];
        s.classList.add("now");
        s.setAttribute("aria-current", "true");
        if (spans.indexOf(document.activeElement) < 0) setTabbable(s); // not while moving by keys
        if (follow && Date.now() - userScrolled > 4000 && !visible(s)) {
          s.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" });
        }
      }
    }
  }

  function showWord(k, ms) {
    if (!highlight) return;
    var w = -1;
    if (k >= 0 && cues[k][2].length && ms < cues[k][1]) w = last(cues[k][2], ms - cues[k][0]);
    if (w === currentWord) return;
    currentWord = w;
    highlight.clear();
    var rs = w >= 0 ? ranges(k) : [];
    if (w >= 0 && w < rs.length) highlight.add(rs[w]);
  }

  function showChapter(ms) {
    var c = last(chapterStarts, ms + 1);
    if (c === currentChapter) return;
    if (currentChapter >= 0) chapters[currentChapter].removeAttribute("aria-current");
    currentChapter = c;
    if (c >= 0) chapters[c].setAttribute("aria-current", "true");
  }

  function update() {
    var ms = audio.currentTime * 1000;
    var k = last(starts, ms + 1);
    show(k, !audio.paused);
    showWord(k, ms);
    showChapter(ms);
  }

  function loop() {
    update();
    frame = audio.paused ? 0 : window.requestAnimationFrame(loop);
  }

  function seek(ms, play) {
    audio.currentTime = (ms + 1) / 1000;
    update();
    if (play && audio.paused) {
      var p = audio.play();
      if (p && p.catch) p.catch(function () {});
    }
  }

  audio.addEventListener("timeupdate", update);
  audio.addEventListener("seeked", update);
  audio.addEventListener("play", function () { if (!frame) frame = window.requestAnimationFrame(loop); });
  audio.addEventListener("pause", update);
  ["wheel", "touchmove"].forEach(function (type) {
    window.addEventListener(type, function () { userScrolled = Date.now(); }, { passive: true });
  });

  var transcript = document.getElementById("transcript");
  transcript.addEventListener("click", function (event) {
    if (window.getSelection && String(window.getSelection()).length) return; // selecting text
    var s = event.target.closest ? event.target.closest(".c") : null;
    if (!s) return;
    var k = spans.indexOf(s);
    if (k >= 0) { setTabbable(s); seek(cues[k][0], true); s.focus({ preventScroll: true }); }
  });
  transcript.addEventListener("keydown", function (event) {
    var k = spans.indexOf(document.activeElement);
    if (k < 0) return;
    var to = -1;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      seek(cues[k][0], true);
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowRight") to = Math.min(k + 1, spans.length - 1);
    if (event.key === "ArrowUp" || event.key === "ArrowLeft") to = Math.max(k - 1, 0);
    if (event.key === "Home") to = 0;
    if (event.key === "End") to = spans.length - 1;
    if (to >= 0) {
      event.preventDefault();
      setTabbable(spans[to]);
      spans[to].focus();
    }
  });
  chapters.forEach(function (b, n) {
    b.addEventListener("click", function () { seek(chapterStarts[n], true); });
  });
  update();
})();
