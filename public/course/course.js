// The example course page's script: embeds Setpoint lessons and lists the events they send.
// Plain JavaScript with no dependencies, so course authors can copy it as it is.
/* global window, document, location, URL, URLSearchParams */
(function () {
  'use strict';

  // Where Setpoint is served. By default the app beside this page (one directory up); `?app=<url>` points
  // the frames somewhere else (the tests use it to embed the app from a second origin).
  var query = new URLSearchParams(location.search);
  var appUrl = new URL(query.get('app') || '../', location.href);
  var appOrigin = appUrl.origin;
  // The origin the frames are told to send their events to: this page's, unless `?parentOrigin=` says
  // otherwise (the tests use that to check that a wrong origin receives nothing).
  var parentOrigin = query.get('parentOrigin') || location.origin;

  var frames = Array.prototype.slice.call(document.querySelectorAll('iframe[data-lesson]'));
  frames.forEach(function (frame) {
    var src = new URL(appUrl.href);
    src.searchParams.set('embed', '1');
    src.searchParams.set('lesson', frame.dataset.lesson);
    if (frame.dataset.quiz) src.searchParams.set('quiz', frame.dataset.quiz);
    src.searchParams.set('parentOrigin', parentOrigin);
    frame.src = src.href;
  });

  var log = document.getElementById('log');
  var summary = document.getElementById('log-summary');
  var ignoredText = document.getElementById('ignored');
  var received = 0;
  var ignored = 0;

  function frameOf(source) {
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === source) return frames[i];
    return null;
  }

  function describe(data) {
    switch (data.type) {
      case 'setpoint:ready':
        return 'ready (' + data.mode + ', step ' + data.step + ' of ' + data.steps + ')';
      case 'setpoint:goal-completed':
        return 'goal completed: step ' + data.step + ' (' + data.stepId + ')';
      case 'setpoint:step-completed':
        return 'step completed: step ' + data.step + ' (' + data.stepId + ')';
      case 'setpoint:quiz-answered':
        return 'quiz answered: ' + data.question + ', ' + (data.correct ? 'correct' : 'not correct');
      case 'setpoint:lesson-completed':
        return 'lesson completed: ' + data.score + ' of ' + data.questions + ' right';
      default:
        return data.type;
    }
  }

  window.addEventListener('message', function (event) {
    // Only our own frames, from the origin we embedded, speaking Setpoint's format.
    var frame = frameOf(event.source);
    var data = event.data;
    if (
      !frame ||
      event.origin !== appOrigin ||
      !data ||
      typeof data !== 'object' ||
      data.source !== 'setpoint' ||
      typeof data.type !== 'string'
    ) {
      ignored++;
      ignoredText.textContent = 'Ignored messages from elsewhere: ' + ignored;
      return;
    }
    if (data.type === 'setpoint:resize') {
      // The frame tells us its content height; no scroll bars inside the course page.
      if (typeof data.height === 'number' && data.height > 0 && data.height < 20000)
        frame.style.height = Math.ceil(data.height) + 'px';
      return;
    }
    received++;
    var item = document.createElement('li');
    item.dataset.type = data.type;
    item.dataset.lesson = frame.dataset.lesson;
    item.dataset.origin = event.origin;
    var who = document.createElement('strong');
    who.textContent = frame.dataset.lesson + ': ';
    var what = document.createElement('span');
    what.textContent = describe(data);
    var from = document.createElement('small');
    from.textContent = ' from ' + event.origin;
    item.appendChild(who);
    item.appendChild(what);
    item.appendChild(from);
    log.appendChild(item);
    summary.textContent = received + (received === 1 ? ' event' : ' events') + ' received.';
  });

  // The course page can move a lesson to a step it has unlocked.
  document.querySelectorAll('button[data-goto]').forEach(function (button) {
    button.addEventListener('click', function () {
      var frame = document.querySelector('iframe[data-lesson="' + button.dataset.goto + '"]');
      if (!frame || !frame.contentWindow) return;
      frame.contentWindow.postMessage(
        { type: 'setpoint:goto-step', step: Number(button.dataset.step) },
        appOrigin,
      );
    });
  });
})();
