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
  engineFailed:
    'The simulation engine keeps stopping. Your YAML is safe; reload the page or choose another scenario.',
  engineVersion: 'This page and the simulation engine are different versions. Reload the page.',
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
} as const;

export type Strings = typeof S;
