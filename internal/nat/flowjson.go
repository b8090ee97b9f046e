package nat

import (
	"encoding/json"
	"io"
	"strconv"
)

// FlowsJSONVersion is the version of the JSON layout of the flow table.
// It changes when a field changes meaning or goes away, not when one is
// added.
const FlowsJSONVersion = 1

// flowJSON is one flow in the JSON layout. Addresses are always numeric.
type flowJSON struct {
	Protocol       string        `json:"protocol"`
	ProtocolNumber uint8         `json:"protocol_number"`
	Family         string        `json:"family"`
	Original       tupleJSON     `json:"original"`
	Reply          tupleJSON     `json:"reply"`
	SNAT           bool          `json:"snat"`
	DNAT           bool          `json:"dnat"`
	State          string        `json:"state"`
	Status         []string      `json:"status"`
	Timeout        int64         `json:"timeout"`
	Mark           uint32        `json:"mark"`
	Zone           uint16        `json:"zone"`
	Counters       *countersJSON `json:"counters"`
}

// tupleJSON is one direction: ports for protocols with ports, the ICMP
// fields for ICMP and ICMPv6, neither for the others.
type tupleJSON struct {
	Src   string    `json:"src"`
	Dst   string    `json:"dst"`
	SPort *uint16   `json:"sport,omitempty"`
	DPort *uint16   `json:"dport,omitempty"`
	ICMP  *icmpJSON `json:"icmp,omitempty"`
}

// icmpJSON is the ICMP part of a tuple.
type icmpJSON struct {
	Type uint8  `json:"type"`
	Code uint8  `json:"code"`
	ID   uint16 `json:"id"`
}

// countersJSON is the traffic of both directions.
type countersJSON struct {
	Original countJSON `json:"original"`
	Reply    countJSON `json:"reply"`
}

// countJSON is the traffic of one direction.
type countJSON struct {
	Packets uint64 `json:"packets"`
	Bytes   uint64 `json:"bytes"`
}

// WriteFlowsJSON writes the flows as one JSON document on one line (so
// that -c gives JSON Lines),
//
//	{"version":1,"table":"nat","flows":[{...},{...}]}
//
// each flow encoded and written as it is reached, so a large table is
// never held twice in memory.
func WriteFlowsJSON(out io.Writer, flows []Flow) error {
	head := `{"version":` + strconv.Itoa(FlowsJSONVersion) + `,"table":"nat","flows":[`
	if _, err := io.WriteString(out, head); err != nil {
		return err
	}
	for i := range flows {
		row, err := json.Marshal(flowRecord(&flows[i]))
		if err != nil {
			return err
		}
		if i < len(flows)-1 {
			row = append(row, ',')
		}
		if _, err := out.Write(row); err != nil {
			return err
		}
	}
	_, err := io.WriteString(out, "]}\n")
	return err
}

// flowRecord is f in the JSON layout.
func flowRecord(f *Flow) flowJSON {
	r := flowJSON{
		Protocol:       f.ProtocolName(),
		ProtocolNumber: f.Protocol,
		Family:         "inet",
		Original:       tupleRecord(f, &f.Original),
		Reply:          tupleRecord(f, &f.Reply),
		SNAT:           f.SNAT(),
		DNAT:           f.DNAT(),
		State:          f.State(),
		Status:         f.Status.Names(),
		Timeout:        int64(f.Timeout.Seconds()),
		Mark:           f.Mark,
		Zone:           f.Zone,
	}
	if f.IPv6() {
		r.Family = "inet6"
	}
	if f.Counted {
		r.Counters = &countersJSON{
			Original: countJSON(f.OriginalCount),
			Reply:    countJSON(f.ReplyCount),
		}
	}
	return r
}

// tupleRecord is one tuple of f in the JSON layout.
func tupleRecord(f *Flow, t *Tuple) tupleJSON {
	r := tupleJSON{Src: t.Src.Addr().String(), Dst: t.Dst.Addr().String()}
	switch {
	case hasPorts(f):
		sport, dport := t.Src.Port(), t.Dst.Port()
		r.SPort, r.DPort = &sport, &dport
	case f.isICMP():
		r.ICMP = &icmpJSON{Type: t.ICMP.Type, Code: t.ICMP.Code, ID: t.ICMP.ID}
	}
	return r
}
