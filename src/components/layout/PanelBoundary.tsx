/**
 * An error boundary around one panel: a drawing bug shows a short message and a retry button in that
 * panel only. Learners never see a stack trace; the details go to the console for developers.
 */
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { S } from '../../strings';

interface Props {
  /** The panel's name in the message ("events"). */
  readonly name: string;
  readonly children: ReactNode;
  /** Replace the retry message (the whole-app boundary offers a reload). */
  readonly fallback?: ReactNode;
}

interface State {
  failed: boolean;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`setpoint: the ${this.props.name} panel failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      this.props.fallback ?? (
        <div role="alert" className="panel-failed">
          <p>{S.panelFailed(this.props.name)}</p>
          <button type="button" onClick={() => this.setState({ failed: false })}>
            {S.panelRetry}
          </button>
        </div>
      )
    );
  }
}
