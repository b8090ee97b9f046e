package watch

import "time"

// Reporter writes what changed at one refresh, as lines for a pipe: Log
// (text) and JSONLog (JSON Lines) implement it.
type Reporter interface {
	Sockets(t time.Time, changes []Change) error
	Interfaces(t time.Time, rates []InterfaceRate) error
	Counters(t time.Time, deltas []CounterDelta) error
}

var (
	_ Reporter = (*Log)(nil)
	_ Reporter = (*JSONLog)(nil)
)
