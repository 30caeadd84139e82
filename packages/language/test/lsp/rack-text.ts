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
