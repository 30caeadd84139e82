/**
 * Defaults for what a link type may leave unsaid, each with its source. A declared property always
 * wins (`efficiency`, `traffic-share` on the link type).
 *
 * Protocol efficiency: the payload share of the wire rate once the link protocol's framing is paid.
 * - NVLink: a packet is 1–18 flits of 128 bits with at most 16 data flits (WikiChip, "NVLink"), so
 *   at best 256 of 288 bytes carry data: 0.89.
 * - UALink 1.0: "93% effective peak bandwidth" (UALink Consortium, UALink 200G 1.0 announcement, 2025).
 * - PCIe 6.0 / 7.0: a 256-byte FLIT carries 236 bytes of TLPs (PCI-SIG), and a 256-byte-payload TLP
 *   spends about 20 bytes on its header: 236/256 × 256/276 ≈ 0.86.
 * - UCIe (flit mode, the PCIe/CXL 256-byte FLIT): 236/256 ≈ 0.92.
 * - Ethernet (RoCEv2 at a 4 KiB MTU): 4096 payload bytes per 4096 + 62 header + 20 preamble/gap
 *   bytes (IEEE 802.3, InfiniBand Trade Association RoCEv2): ≈ 0.98.
 * - No protocol declared: 1 (nothing is known to subtract).
 *
 * Traffic share: the part of a link's full-load energy per bit that scales with traffic; the rest is
 * drawn whenever the link is up. A serial link without a low-power idle mode keeps transmitting idle
 * symbols and draws near full power at zero load (Christensen et al., "IEEE 802.3az: the road to
 * Energy Efficient Ethernet", IEEE Communications Magazine 48(11), 2010). DSP retimers and lasers do
 * not idle at all; only SerDes and driver switching activity follows the data. The per-kind figures
 * below are planning assumptions on that basis, not measurements: override them per link type.
 */
import type { OpticsKind, OpticsType, Protocol } from '../model/fabric-model.js';

export const DEFAULT_PROTOCOL_EFFICIENCY: Readonly<Record<Protocol, number>> = {
    nvlink: 256 / 288,
    ualink: 0.93,
    pcie: 0.86,
    ucie: 236 / 256,
    ethernet: 0.98
};

export const DEFAULT_TRAFFIC_SHARE: Readonly<Record<OpticsKind, number>> = {
    dac: 0.5,          // host SerDes only: the driver share follows the data (assumed)
    aec: 0.2,          // a retimer in each end runs whatever the load (assumed)
    pluggable: 0.1,    // DSP and lasers run at near full power idle (assumed, 802.3az reasoning)
    lpo: 0.3,          // no DSP; lasers and linear drivers always on (assumed)
    npo: 0.3,          // as CPO (assumed)
    cpo: 0.3,          // modulator drivers and SerDes follow the data; light comes from the laser source (assumed)
    vcsel: 0.5,        // VCSEL bias always on, drivers follow the data (assumed)
    'ocs-circuit': 0.1 // the transceivers at the circuit's ends are DSP optics (assumed)
};

function fraction(value: number | undefined): number | undefined {
    return value !== undefined && Number.isFinite(value) && value > 0 && value <= 1 ? value : undefined;
}

/** The payload share of the wire rate of a link of this type. */
export function linkEfficiency(optics: OpticsType | undefined, protocol = optics?.protocol): number {
    return fraction(optics?.efficiency) ?? (protocol ? DEFAULT_PROTOCOL_EFFICIENCY[protocol] ?? 1 : 1);
}

/** The share of the link's full-load energy per bit that scales with traffic. */
export function linkTrafficShare(optics: OpticsType | undefined): number {
    const declared = optics?.trafficShare;
    if (declared !== undefined && Number.isFinite(declared) && declared >= 0 && declared <= 1) return declared;
    return optics ? DEFAULT_TRAFFIC_SHARE[optics.kind] ?? 1 : 1;
}
