/** A small rack with a connection, a failure domain and a phase: what analysis-backed views are tested on. */
export const RACK_TEXT = `import "catalog/nvidia"

fabric Rack {
    tray compute[0..3] { accelerator gpu[0..3] : B200 }
    tray nvswitch[0..1] { switch sw[0..1] : NVLinkSwitch }
    connect compute[*].gpu[*] to nvswitch[*].sw[*] all-to-all via NVLinkCopper length 1.2 m
    failure domain switch_tray[t in 0..1] = nvswitch[t]
    workload train {
        phase grads all-reduce 4 GiB over compute[*].gpu[*]
    }
}
`;

/** Two trays joined by one switch: a failure domain that partitions the fabric, which only the simulator finds. */
export const BRIDGE_TEXT = `import "catalog/nvidia"
fabric Bridge {
    tray left { accelerator gpu[0..3] : B200 }
    tray right { accelerator gpu[0..3] : B200 }
    tray middle { switch sw : NVLinkSwitch }
    connect left.gpu[*] to middle.sw all-to-all via NVLinkCopper length 1 m
    connect right.gpu[*] to middle.sw all-to-all via NVLinkCopper length 1 m
    failure domain bridge = middle
    workload w { phase p all-reduce 1 GiB over left.gpu[*], right.gpu[*] }
}
`;
