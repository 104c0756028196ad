/**
 * Every learner-facing sentence of the app shell in one place, so a translation can come later. Kubernetes'
 * own words (STATUS values, conditions, event reasons, kubectl output) are not here: they are never
 * translated, because learners must recognise them on a real cluster.
 */
import { formatClock } from './state/format';

const clock = (t: number) => formatClock(t);

export const S = {
  appName: 'Setpoint',
  tagline: 'A simulated Kubernetes cluster: declare the desired state, watch the loop keep it.',

  // Header and time controls
  scenarioLabel: 'Scenario',
  openFile: 'Open file…',
  openFileLabel: 'Open a scenario file from your computer',
  timeControls: 'Time controls',
  play: 'Play',
  pause: 'Pause',
  step: 'Step',
  stepHint: 'Run to the next moment something is scheduled to happen',
  skipAhead: 'Skip ahead',
  skipHint: 'Run fast until the next event is recorded (at most 10 simulated minutes)',
  skipping: 'Skipping ahead…',
  reset: 'Restart',
  resetHint: 'Go back to the start of the scenario and forget your changes to the cluster',
  speed: 'Simulation speed',
  speedShort: 'Speed',
  speedValue: (x: number) => `${x}x`,
  clock: (t: number) => `t = ${clock(t)}`,
  clockLabel: 'Simulated time',
  timeline: 'Simulation time',
  timelineShort: 'Time',
  timelineValue: (t: number, horizon: number) => `${clock(t)} of ${clock(horizon)}`,
  markers: 'Changes and faults on the timeline',
  markerLearner: (t: number, what: string) => `Go to ${clock(t)}: ${what} (yours)`,
  markerScenario: (t: number, what: string) => `Go to ${clock(t)}: ${what} (scenario)`,
  markerFuture: 'not replayed yet',

  // Input labels (markers, console)
  inputLabel: {
    apply: 'Apply',
    kubectl: 'kubectl',
    PodCrash: 'Crash pod',
    PodDelete: 'Delete pod',
    AppHang: 'Hang app',
    NodeFailure: 'Fail node',
    NodeRecovery: 'Recover node',
    NodeDrain: 'Drain node',
    ControlPlaneOutage: 'Control-plane outage',
    TrafficChange: 'Load spike',
    BadRollout: 'Bad rollout',
  } as Record<string, string>,

  // Faults
  faultToolbar: 'Break something',
  faultPickerTitle: (what: string) => `${what}: choose a target`,
  faultTarget: {
    pod: 'Pod',
    node: 'Node',
    deployment: 'Deployment',
    service: 'Service',
  },
  faultRequestsPerSecond: 'Requests per second',
  faultDuration: 'Outage length (seconds)',
  faultInject: 'Inject',
  faultCancel: 'Cancel',
  faultNoTargets: 'There is nothing of this kind in the cluster right now.',
  faultHelp: {
    PodCrash: "The pod's container exits with an error. Watch the kubelet restart it in place.",
    PodDelete: 'The pod is deleted. Watch its ReplicaSet create a replacement.',
    AppHang: 'The app stops answering its probes. Liveness probes make the kubelet restart it.',
    NodeFailure: 'The machine powers off and stops sending heartbeats. Watch the control plane notice.',
    NodeRecovery: 'The machine powers on again and its kubelet reports back.',
    NodeDrain: 'The node is cordoned and its pods are evicted gracefully, as `kubectl drain` does.',
    BadRollout: "The Deployment's image is changed to a broken build (tag ending in -broken).",
    TrafficChange: 'Change the requests per second sent to a Service.',
    ControlPlaneOutage: 'Nothing reconciles or schedules for a while; kubelets keep running what they have.',
  } as Record<string, string>,

  // Panels
  clusterPanel: 'Cluster',
  nodesList: 'Worker nodes',
  unscheduled: 'Not on a node yet',
  noPods: 'No pods',
  restarts: (n: number) => `${n} ${n === 1 ? 'restart' : 'restarts'}`,
  sidePanel: 'Details and desired state',
  detailsTab: 'Details',
  desiredStateTab: 'Desired state',
  nothingSelected: 'Select a node or pod in the cluster to see its details.',
  selectedGone: 'That object no longer exists.',
  bottomPanel: 'Events and console',
  eventsTab: 'Events',
  consoleTab: 'Console',
  eventFilter: 'Filter events by object',
  eventFilterPlaceholder: 'e.g. pod/shop or node-2',
  eventsCaption: (shown: number, total: number) =>
    shown === total ? `${total} events, newest first` : `${shown} of ${total} events, newest first`,
  noEvents: 'No events yet.',
  eventColumns: {
    lastSeen: 'LAST SEEN',
    type: 'TYPE',
    reason: 'REASON',
    object: 'OBJECT',
    message: 'MESSAGE',
  },
  eventsOnlySelected: 'Only the selected object',
  console: 'kubectl',
  consoleRun: 'Run',
  consoleHint: 'Type a kubectl command, for example: get pods',
  consoleOutput: 'Console output',

  // Desired state (YAML)
  desiredState: 'Desired state',
  apply: 'Apply',
  applying: 'Applying…',
  applyOk: 'Applied.',
  applyFailed: 'Not applied: the cluster is unchanged.',
  resetYaml: "Use the scenario's YAML",

  // Narration
  narrationToggle: 'Narrate',
  narrationRegion: 'What just happened',
  narrationIdle: 'Important moments (a crash, a reschedule, a rollout step) are told here as they happen.',
  narration: {
    nodeUnknown: (n: string) => `${n} stopped reporting; the control plane marked it Unknown.`,
    nodeNotReady: (n: string) => `${n} reports NotReady.`,
    nodeReady: (n: string) => `${n} is Ready again.`,
    podCreated: (rs: string, pod: string) =>
      `The ReplicaSet ${rs} created pod ${pod} to get back to its desired count.`,
    podRestarted: (pod: string, n: number) =>
      `The kubelet restarted the container of ${pod} in place (restart ${n}).`,
    podTerminating: (pod: string) => `Pod ${pod} is shutting down.`,
    evicted: (pod: string) => `Pod ${pod} is evicted from its unreachable node.`,
    backOff: (pod: string) => `${pod} keeps crashing; the kubelet waits longer before each restart.`,
    scaling: (deployment: string, message: string) => `Deployment ${deployment}: ${message}.`,
    failedScheduling: (pod: string) => `Pod ${pod} cannot be placed on any node yet.`,
    scheduled: (pod: string, node: string) => `The scheduler placed ${pod} on ${node}.`,
  },

  // Worker, storage, loading
  starting: 'Starting the simulated cluster…',
  engineCrashed: (t: number) =>
    `The simulation engine stopped unexpectedly. It was restarted at ${clock(t)} with your changes; your YAML is safe. Press Play to continue.`,
  engineRestarting: 'The simulation engine stopped unexpectedly; restarting it…',
  engineNotRunning: 'The simulation engine is not running.',
  engineVersionMismatch: 'The page and the simulation engine are different versions; reload the page.',
  engineFailed:
    'The simulation engine keeps stopping. Your YAML is safe; reload the page or choose another scenario.',
  engineVersion: 'This page and the simulation engine are different versions. Reload the page.',
  attached: (url: string) =>
    `Attached to the cluster served at ${url}: kubectl and this page drive the same cluster. Time travel is off.`,
  attachRefused: (address: string) =>
    `Not attaching to "${address}": only a local address such as http://127.0.0.1:6443 can be attached. Running the app's own cluster instead.`,
  restored: (t: number) => `Welcome back: your session was restored at ${clock(t)}. Press Play to continue.`,
  restoredSkipped: (n: number) => `${n} of your saved changes could not be replayed and were left out.`,
  storageCorrupt: 'Your saved session could not be read, so it was discarded. Starting fresh.',
  unknownExample: (name: string) =>
    `There is no example scenario called "${name}". Showing the default scenario instead.`,
  fileInvalid: (file: string) => `${file} could not be opened. The current cluster is unchanged.`,
  fileTooLarge: (file: string) => `${file} is larger than 1 MiB and was not opened.`,
  fileUnreadable: (file: string) => `${file} could not be read.`,
  dismiss: 'Dismiss',
  panelFailed: (panel: string) => `The ${panel} panel ran into a problem.`,
  panelRetry: 'Try again',
  appFailed: 'Something went wrong while drawing the page. Your work is saved; reload to continue.',
  reload: 'Reload',
  hidePanel: 'Hide',
  showPanel: 'Show',
  keyboardHelp: 'Keys: Space play/pause · . step',

  // ---- Desired-state editor and kubectl console (src/components/editor, src/components/console) ----
  editorFailed:
    'The code editor could not be loaded, so this is a plain text box. Your YAML and Apply work as usual.',
  editorKeys: 'Ctrl+S (⌘S) applies · Ctrl+M: Tab moves focus instead of indenting',
  reviewChanges: 'Review changes',
  reviewChangesHint: 'See what Apply would change, object by object, like kubectl diff',
  diffTitle: 'Review changes before applying',
  diffIntro:
    'What Apply would do to each object in your YAML. Lines starting with - go away, lines starting with + are added.',
  diffSummary: (create: number, change: number, unchanged: number) =>
    `${create} to create, ${change} to change, ${unchanged} unchanged`,
  diffAction: { create: 'created', change: 'changed', unchanged: 'unchanged' } as Record<string, string>,
  diffContent: 'Changes',
  diffNothing: 'Nothing would change: the cluster already matches your YAML.',
  diffProblems: 'Apply will refuse this YAML until these problems are fixed:',
  diffApply: 'Apply',
  diffCancel: 'Cancel',
  diffNote:
    'Fields your YAML leaves out keep their current (defaulted) values here; the cluster has the final word when you apply.',
  problems: 'Problems in the YAML',
  problemItem: (line: number, column: number, message: string) =>
    `Line ${line}, column ${column}: ${message}`,
  problemSource: { setpoint: 'cluster', yaml: 'schema' } as Record<string, string>,
  moreProblems: (n: number) => `and ${n} more`,
  liveLabel: (name: string) => `Live object ${name} (read-only)`,
  liveHint: (name: string) => `Live ${name}: kubectl get -o yaml, read-only`,
  liveGone: (name: string) => `# ${name} no longer exists in the cluster.`,
  liveClose: 'Back to your YAML',
  consolePrompt: '$',
  consoleHelp: 'kubectl commands',
  consoleHelpTitle: 'Commands this kubectl supports',
  consoleHelpKeys:
    'Enter runs · Up/Down recall earlier commands · Tab completes commands, resource types and names · "clear" empties the console · "apply -f -" applies your YAML from the Desired state tab.',
  consoleExit: (code: number) => `exit code ${code}`,
  consoleCompletions: (options: readonly string[]) => `Completions: ${options.join('  ')}`,
  // ---- end of editor and console strings ----

  // --- Teaching: share links, embedding, presenter mode (src/share, src/embed, components/presenter) ---
  share: 'Share',
  shareHint: 'Make a link that reopens this exact cluster: the scenario, your changes, faults and time',
  shareTitle: 'Share this moment',
  shareIntro: (t: number) =>
    `Anyone who opens this link sees this cluster at ${clock(t)}, paused, with the same changes and faults. Nothing is uploaded: everything is inside the link.`,
  shareLinkLabel: 'Link to this moment',
  shareCopy: 'Copy link',
  shareCopied: 'Copied to the clipboard.',
  shareCopyFailed: 'Copying was not allowed here: select the link and copy it yourself.',
  shareClose: 'Close',
  shareNotReady: 'The cluster is still starting; try again in a moment.',
  shareTooLarge: (kb: number, maxKb: number) =>
    `This run is too long to fit in a link (${kb} KB; a link holds at most ${maxKb} KB). Restart the scenario or make fewer changes, then share again.`,
  shareOpened: (t: number) =>
    `You opened a shared link: this is the cluster at ${clock(t)}, paused. Press Play to continue.`,
  shareDamaged:
    'This share link is damaged or was changed after it was made, so it could not be opened. Showing the default scenario instead; ask for a fresh link.',
  shareOtherVersion:
    'This share link was made by a different version of Setpoint and cannot be opened here. Showing the default scenario instead.',
  shareCodecFailed:
    'The link could not be made because part of Setpoint failed to load. Reload the page to try again.',
  shareUnavailable:
    'This share link could not be opened because part of Setpoint failed to load. Showing the default scenario instead; reload the page to try again.',
  shareTooLong:
    'This share link is longer than any link Setpoint makes, so it was not opened. Showing the default scenario instead.',
  shareLessonIncluded: (title: string) => `The link also opens the lesson “${title}” at the step you are on.`,
  shareOwnLessonLeftOut:
    'Your own lesson file is on this computer, so it cannot go into a link: the link opens this cluster in the sandbox, without the lesson. To share the lesson too, put the file on this site and open it with ?lessonUrl=/path/to/lesson.yaml.',
  // Opening a link made inside a lesson that cannot be had here: the cluster still opens, in the sandbox.
  shareLessonUnknown: (id: string) =>
    `This share link was made in a lesson called "${id}", which this version of Setpoint does not have. Its cluster opens in the sandbox instead, without the lesson.`,
  shareLessonChanged: (title: string) =>
    `The lesson “${title}” has changed since this share link was made, so its cluster opens in the sandbox instead, without the lesson.`,
  shareLessonFromFile: (id: string) =>
    `This share link was made in “${id}”, a lesson file on the sharer's computer, which cannot travel in a link. Its cluster opens in the sandbox instead, without the lesson.`,
  shareLessonUnavailable: (url: string) =>
    `The lesson of this share link (${url}) could not be opened, so its cluster opens in the sandbox instead, without the lesson.`,

  embedNotFramed:
    'This is the embedded view of a lesson, meant to sit in an iframe on a course page (docs/embedding.md explains how); opened on its own it sends no events.',
  embedNoParent:
    'Embedded without a valid parentOrigin parameter, so no events are sent to the course page. Add &parentOrigin=https://your-course.example to the iframe address.',
  embedOriginMismatch: (given: string, actual: string) =>
    `parentOrigin is ${given}, but this lesson is embedded in a page from ${actual}, so the browser will not deliver its events. Set parentOrigin to ${actual}.`,
  embedNoLesson: 'Add &lesson=<lesson id> to the iframe address to choose a lesson.',
  // Embed mode has no lesson map to fall back to, so the course author is told how to fix the address.
  embedUnknownLesson: (id: string, ids: readonly string[]) =>
    `There is no lesson called "${id}", so this frame shows nothing. Course author: set lesson= in the iframe address to one of ${ids.join(', ')} (docs/embedding.md describes each parameter).`,
  embedOpenFull: 'Open in Setpoint',

  presenter: 'Present',
  presenterHint: 'Presenter mode: large type, high contrast and keyboard shortcuts (press ? to list them)',
  presenterOn: 'Presenter mode is on. Press ? for the keyboard shortcuts.',
  presenterCaption: 'What the control plane just did',
  presenterCaptionIdle:
    'Break something (C crashes a pod, K kills a node) and the control plane’s answer is told here.',
  shortcutsTitle: 'Keyboard shortcuts',
  shortcutsClose: 'Close',
  shortcuts: [
    ['Space', 'Play or pause'],
    ['.', 'Step to the next moment something happens'],
    ['C', 'Crash a random pod'],
    ['K', 'Kill (power off) a random node'],
    ['R', 'Restart the scenario'],
    ['← →', 'Previous or next lesson step (when a lesson is open)'],
    ['?', 'Show this list'],
  ] as readonly (readonly [string, string])[],
  presenterNoPods: 'There is no running pod to crash.',
  presenterNoNodes: 'There is no working node to kill.',
  caption: {
    replaced: (pod: string, old: string) => `The ReplicaSet controller created ${pod} to replace ${old}.`,
    created: (rs: string, pod: string) =>
      `The ReplicaSet controller created ${pod}: ReplicaSet ${rs} had fewer pods than it wants.`,
    scheduled: (pod: string, node: string) => `The scheduler placed ${pod} on ${node}.`,
  },

  // ---- Lessons: the lesson map, free-play gallery, lesson player, quiz and progress (src/components/lesson) ----
  lesson: {
    // Places
    placesNav: 'Setpoint',
    navLessons: 'Lessons',
    navFreePlay: 'Free play',
    skipToContent: 'Skip to the content',
    loading: 'Loading…',
    openingLesson: 'Opening the lesson…',
    mapTitle: 'Lessons',
    mapIntro:
      'Short lessons, in order. In each one you change a simulated cluster and watch the control loop react; the lesson checks the cluster itself to see when you have reached the goal. Each ends with a few questions.',
    lessonN: (n: number) => `Lesson ${n}:`,
    start: 'Start',
    continue: 'Continue',
    review: 'Review',
    completedMark: 'Completed',
    progressOf: (title: string) => `Progress in ${title}`,
    progressText: (steps: number, of: number, correct: number, answered: number, questions: number) =>
      answered > 0
        ? `${steps} of ${of} steps · ${correct} of ${questions} questions right`
        : `${steps} of ${of} steps`,
    freePlayTitle: 'Free play',
    freePlayIntro:
      'No goals, no questions: pick an example cluster and break it your own way. Crash pods, fail nodes, change the YAML.',
    openGallery: 'Choose an example',
    galleryTitle: 'Free play: example clusters',
    galleryIntro:
      'Each example starts a small cluster with a story already in motion. Open one, press Play, and use the fault buttons, the editor and kubectl as you like.',
    moreAbout: (title: string) => `More about ${title}`,
    openExample: 'Open in the sandbox',

    // Authors' own lessons
    ownTitle: 'Your own lesson',
    ownIntro:
      'Course authors: open a lesson you wrote as a YAML or JSON file (see the lesson format). It is checked first, and every problem is listed with its place in the file.',
    openOwn: 'Open a lesson file…',
    openOwnLabel: 'Open a lesson file from your computer',
    ownLessonName: 'your lesson file',
    ownLessonMissing: 'No lesson file is kept in this browser. Open one from the lesson map.',
    ownLessonNotSaved: 'The browser refused to keep the lesson (storage is full or disabled).',
    lessonTooLarge: 'The lesson file is larger than 1 MiB.',
    authorInvalid: (source: string) => `The lesson in ${source} cannot be opened.`,
    authorFix: 'Fix these problems in the file and open it again. Each line says where the problem is:',
    authorBadge: 'Your own lesson',
    unknownLesson: (id: string) => `There is no lesson called "${id}". Here are all the lessons.`,
    otherOrigin: (url: string) =>
      `The lesson address ${url} is on another site. For safety, lessons open only from this site: put the file next to Setpoint and use a path such as ?lessonUrl=/lessons/my-lesson.yaml.`,
    badLessonUrl: (url: string) =>
      `"${url}" is not a lesson address. Use a path such as /lessons/my-lesson.yaml.`,
    fetchFailed: (detail: string) => `The lesson file could not be loaded (${detail}).`,

    // Progress
    progressTitle: 'Your progress',
    progressIntro:
      'Progress stays in this browser. Export it to a file to keep a copy or move to another computer, and import it there.',
    exportProgress: 'Export progress',
    importProgress: 'Import progress…',
    importProgressLabel: 'Import progress from a file',
    exported: 'Your progress was saved as setpoint-progress.json.',
    imported: (file: string) => `Progress imported from ${file}.`,
    importFailed: (file: string) =>
      `${file} was not imported; your progress is unchanged. What is wrong, and where:`,
    importTooLarge: (file: string) => `${file} is too large to be a progress file.`,
    progressRejected:
      'Your saved lesson progress could not be read (it was damaged or changed by hand), so it was set aside and you start fresh. What was wrong:',

    // The player
    panel: 'Lesson',
    allLessons: 'All lessons',
    stepsNav: 'Lesson steps',
    stepN: (n: number, title: string) => `Step ${n}: ${title}`,
    stepOf: (n: number, of: number) => `Step ${n} of ${of}`,
    stepDoneMark: 'done',
    stepCurrentMark: 'current',
    stepLockedMark: 'locked',
    taskTitle: 'Your turn',
    goalStarting: 'Connecting to the cluster…',
    goalWatching: 'Watching the cluster for your goal…',
    goalPending: 'You went back in time to before this step began. Play on to return to it.',
    goalProgressLabel: 'Goal progress',
    goalProgress: (have: number, want: number) => `${have} of ${want}`,
    goalMet: 'Goal reached: the cluster is where this step wanted it.',
    goalRefused: 'This step’s goal cannot be checked by the engine:',
    successTitle: 'What just happened',
    successDefault: 'The cluster reached the goal.',
    nextStep: 'Next step',
    toQuiz: 'On to the questions',
    hintsTitle: 'Stuck?',
    showHint: 'Show a hint',
    showAnotherHint: (n: number, of: number) => `Show hint ${n} of ${of}`,
    noMoreHints: 'No more hints. Show the solution to watch it done.',
    showSolution: 'Show solution',
    solutionRunning: 'Playing the solution…',
    solutionHint: 'Does the step for you, through the same editor, console and buttons.',
    solutionFailed: (detail: string) => `The solution could not finish: ${detail}`,
    settingUp: (step: number, of: number) =>
      `Setting up: playing step ${step}’s solution so the cluster is ready for step ${of}…`,
    setupFailed: (detail: string) => `Setting up the earlier steps failed: ${detail}`,
    restartLesson: 'Start this lesson over',
    restarted: 'The lesson starts over from step 1 with a fresh cluster.',
    stepDone: (title: string) => `Goal reached: ${title}. The next step is unlocked.`,
    lastStepDone: (title: string) => `Goal reached: ${title}. The questions are unlocked.`,
    nowOnStep: (n: number, of: number, title: string) => `Step ${n} of ${of}: ${title}`,
    nowOnQuiz: 'The knowledge check',
    newTab: '(opens in a new tab)',
    copy: 'Copy',
    copied: 'Copied: paste it into the editor (Ctrl+V).',
    copyFailed: 'Copying is not allowed here: select the text and copy it yourself.',

    // The knowledge check
    quizTitle: 'Check what you learned',
    quizCount: (n: number) => `${n} questions`,
    quizIntro:
      'Answer each question. Afterwards every choice explains why it is right or wrong. For a prediction, choose what you expect, then run the experiment. Your first answer is your score; you may try again as often as you like to learn, and those attempts are shown as practice.',
    questionN: (n: number) => `${n}.`,
    questionKind: {
      single: 'Choose one answer.',
      multiple: 'Choose every answer that is true.',
      predict: 'Predict: choose what you expect, then press Try it to run the experiment.',
    } as Record<string, string>,
    checkAnswer: 'Check answer',
    choiceCorrect: 'Correct choice.',
    choiceWrong: 'Not correct.',
    yourChoice: '(your choice)',
    answerRight: 'Right!',
    answerWrong: 'Not quite: read why below each choice.',
    experiment: 'Experiment:',
    tryIt: 'Try it',
    tryItAgain: 'Run the experiment',
    tryItRunning: 'Running the experiment…',
    experimentHeld: 'The experiment is done: see what the cluster did.',
    experimentDidNotHold: 'The experiment is done, but the cluster did not end up as expected.',
    experimentFailed: (detail: string) => `The experiment could not run: ${detail}`,
    predictionHeld: 'Your prediction held: the cluster did exactly what you expected.',
    predictionMissed:
      'The cluster did something else than you predicted: the correct answer is marked below.',
    experimentUnclear:
      'The cluster did not end up as the lesson expected (perhaps it was changed during the experiment). The correct answer is marked below.',
    score: (correct: number, answered: number, of: number) =>
      answered === of
        ? `Score: ${correct} of ${of} (first answers)`
        : `Score so far: ${correct} of ${answered} answered (${of} questions; first answers count)`,
    lessonDone: (correct: number, of: number) => `Lesson complete, with ${correct} of ${of} questions right.`,
    nextLesson: (title: string) => `Next lesson: ${title}`,
    retakeQuiz: 'Practise the questions again',
    quizCleared: 'Practice answers cleared. Your score keeps your first answers.',
    tryAgain: 'Try again (practice)',
    practiceCheck: 'Check (practice)',
    practiceRight: 'Right this time. Practice does not change your score.',
    practiceWrong: 'Not yet: read why below each choice. Practice does not change your score.',
    firstAnswer: (right: boolean) =>
      right ? 'Your first answer was right.' : 'Your first answer was not right; it is the one scored.',
    practiceAttempt: (n: number) => `Practice attempt ${n - 1}`,
  },
  // ---- end of lesson strings ----
} as const;

export type Strings = typeof S;

// Larger areas live in their own files under src/strings/ and are imported from here, except the
// inspector's explanations (src/strings/explain.ts): they are imported directly by the code that loads
// on demand with them, so their words are not part of the first load.
export { inspectorStrings } from './strings/inspector';
export { graphStrings } from './strings/graph';
