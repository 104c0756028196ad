/**
 * Registers every kind's defaulting, admission and validation with the admission registry. Imported for
 * its side effect by apiserver.ts, so the rules are in place whenever an ApiServer exists. Event has none.
 */
import './namespace';
import './node';
import './lease';
import './pod';
import './replicaset';
import './deployment';
import './service';
import './endpoints';
import './endpointslice';
import './ingress';
import './hpa';
import './persistentvolumeclaim';
import './persistentvolume';
import './statefulset';
import './daemonset';
import './job';
import './configmap';
import './secret';
import './resourcequota';
