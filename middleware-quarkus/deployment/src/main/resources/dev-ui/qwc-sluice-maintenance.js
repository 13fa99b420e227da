import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/button';
import '@vaadin/text-field';

/** Sluice in the Dev UI: the maintenance state and a switch. */
export class QwcSluiceMaintenance extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        .state { padding: 1em; }
        .on { color: var(--lumo-error-text-color); font-weight: bold; }
        .off { color: var(--lumo-success-text-color); font-weight: bold; }
        .row { display: flex; gap: 1em; align-items: baseline; }
    `;

    static properties = {
        _state: { state: true },
        _message: { state: true }
    };

    constructor() {
        super();
        this._state = null;
        this._message = '';
    }

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    _refresh() {
        this.jsonRpc.state().then(response => { this._state = response.result; });
    }

    _on() {
        this.jsonRpc.maintenanceOn({ message: this._message }).then(response => { this._state = response.result; });
    }

    _off() {
        this.jsonRpc.maintenanceOff().then(response => { this._state = response.result; });
    }

    render() {
        if (!this._state) {
            return html`<div class="state">Loading…</div>`;
        }
        const m = this._state.maintenance;
        return html`
            <div class="state">
                <p>Maintenance is
                    ${m.active ? html`<span class="on">ON (${m.mode})</span>` : html`<span class="off">off</span>`}
                    ${m.active ? html` — “${m.message}”${m.until ? html`, until ${m.until}` : ''}` : ''}
                </p>
                <div class="row">
                    ${m.active
                        ? html`<vaadin-button theme="primary success" @click=${this._off}>Switch off</vaadin-button>`
                        : html`<vaadin-text-field label="Message" placeholder="Back soon"
                                   @value-changed=${e => this._message = e.detail.value}></vaadin-text-field>
                               <vaadin-button theme="primary error" @click=${this._on}>Switch on</vaadin-button>`}
                    <vaadin-button theme="tertiary" @click=${this._refresh}>Refresh</vaadin-button>
                </div>
            </div>`;
    }
}
customElements.define('qwc-sluice-maintenance', QwcSluiceMaintenance);
