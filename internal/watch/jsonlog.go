package watch

import (
	"encoding/json"
	"io"
	"time"
)

// JSONLog writes the changes as JSON Lines: one object per socket change,
// per interface whose counters moved, or per statistics counter that
// moved. Every object has "time" (RFC 3339, TimeFormat) and "event":
//
//	{"time":…,"event":"opened"|"closed"|"state","proto":"tcp","local":"127.0.0.1:80",
//	 "remote":"0.0.0.0:*","state":"LISTEN","old_state":…,"type":…,"inode":1234,
//	 "recv_q":0,"send_q":0,"pid":42,"program":"nginx"}
//	{"time":…,"event":"interface","interface":"lo","seconds":1.001,"appeared":true,
//	 "delta":{"rx_packets":…,…,"tx_drops":…},"rate":{"rx_packets":…,…}}
//	{"time":…,"event":"counter","counter":"TcpExtListenDrops","value":7,
//	 "delta":3,"seconds":1.001,"rate":2.997}
//
// old_state is only in "state" events, type only for UNIX sockets, pid and
// program only with -p for sockets whose owner is known, appeared only for
// an interface that was not there at the previous reading.
type JSONLog struct {
	W io.Writer
	// Programs adds pid and program (-p).
	Programs bool
}

// socketEvent is the JSON object of a socket change.
type socketEvent struct {
	Time     string `json:"time"`
	Event    string `json:"event"`
	Proto    string `json:"proto"`
	Local    string `json:"local"`
	Remote   string `json:"remote"`
	State    string `json:"state"`
	OldState string `json:"old_state,omitempty"`
	Type     string `json:"type,omitempty"`
	Inode    uint64 `json:"inode"`
	RecvQ    uint64 `json:"recv_q"`
	SendQ    uint64 `json:"send_q"`
	PID      int    `json:"pid,omitempty"`
	Program  string `json:"program,omitempty"`
}

// trafficJSON is an interface's counters (or rates) by name.
type trafficJSON[T uint64 | float64] struct {
	RxPackets T `json:"rx_packets"`
	RxBytes   T `json:"rx_bytes"`
	RxErrors  T `json:"rx_errors"`
	RxDrops   T `json:"rx_drops"`
	TxPackets T `json:"tx_packets"`
	TxBytes   T `json:"tx_bytes"`
	TxErrors  T `json:"tx_errors"`
	TxDrops   T `json:"tx_drops"`
}

func newTrafficJSON[T uint64 | float64](v func(c int) T) trafficJSON[T] {
	return trafficJSON[T]{
		RxPackets: v(RxPackets), RxBytes: v(RxBytes), RxErrors: v(RxErrors), RxDrops: v(RxDrops),
		TxPackets: v(TxPackets), TxBytes: v(TxBytes), TxErrors: v(TxErrors), TxDrops: v(TxDrops),
	}
}

// interfaceEvent is the JSON object of an interface's traffic.
type interfaceEvent struct {
	Time      string               `json:"time"`
	Event     string               `json:"event"`
	Interface string               `json:"interface"`
	Seconds   float64              `json:"seconds"`
	Appeared  bool                 `json:"appeared,omitempty"`
	Delta     trafficJSON[uint64]  `json:"delta"`
	Rate      trafficJSON[float64] `json:"rate"`
}

// counterEvent is the JSON object of a statistics counter that moved.
type counterEvent struct {
	Time    string  `json:"time"`
	Event   string  `json:"event"`
	Counter string  `json:"counter"`
	Value   uint64  `json:"value"`
	Delta   int64   `json:"delta"`
	Seconds float64 `json:"seconds"`
	Rate    float64 `json:"rate"`
}

// Sockets writes one object per socket change.
func (j *JSONLog) Sockets(t time.Time, changes []Change) error {
	stamp := t.Format(TimeFormat)
	enc := j.encoder()
	for i := range changes {
		c := &changes[i]
		s := &c.Socket
		ev := socketEvent{
			Time: stamp, Event: c.Kind.Word(), Proto: s.Proto, Local: s.Local, Remote: s.Remote,
			State: s.State, OldState: c.OldState, Type: s.Type, Inode: s.Inode, RecvQ: s.RecvQ, SendQ: s.SendQ,
		}
		if j.Programs && s.Owned() {
			ev.PID, ev.Program = s.PID, s.Program
		}
		if err := enc.Encode(&ev); err != nil {
			return err
		}
	}
	return nil
}

// Interfaces writes one object per interface whose counters moved.
func (j *JSONLog) Interfaces(t time.Time, rates []InterfaceRate) error {
	stamp := t.Format(TimeFormat)
	enc := j.encoder()
	for i := range rates {
		r := &rates[i]
		if !r.Moved() {
			continue
		}
		ev := interfaceEvent{
			Time: stamp, Event: "interface", Interface: r.Name, Seconds: r.Seconds, Appeared: r.Appeared,
			Delta: newTrafficJSON(func(c int) uint64 { return r.Delta[c] }),
			Rate:  newTrafficJSON(r.Rate),
		}
		if err := enc.Encode(&ev); err != nil {
			return err
		}
	}
	return nil
}

// Counters writes one object per counter that moved.
func (j *JSONLog) Counters(t time.Time, deltas []CounterDelta) error {
	stamp := t.Format(TimeFormat)
	enc := j.encoder()
	for _, d := range deltas {
		ev := counterEvent{
			Time: stamp, Event: "counter", Counter: d.Name, Value: d.Value,
			Delta: d.Delta, Seconds: d.Seconds, Rate: d.Rate(),
		}
		if err := enc.Encode(&ev); err != nil {
			return err
		}
	}
	return nil
}

// encoder returns a JSON encoder onto W that leaves <, > and & as they are.
func (j *JSONLog) encoder() *json.Encoder {
	enc := json.NewEncoder(j.W)
	enc.SetEscapeHTML(false)
	return enc
}
