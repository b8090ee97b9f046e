package watch

import "time"

// Sockets returns the watched socket listing: read gives the rows now,
// view says how to lay them out (its Cur, Changes and Refresh are filled
// at each refresh).
func Sockets(read func() ([]Socket, error), view SocketView) Table {
	return &socketTable{readRows: read, view: view}
}

type socketTable struct {
	readRows func() ([]Socket, error)
	view     SocketView
	started  bool
}

func (t *socketTable) read(time.Time) error {
	cur, err := t.readRows()
	if err != nil {
		return err
	}
	if t.started {
		t.view.Changes = Diff(t.view.Cur, cur)
	}
	t.started = true
	t.view.Cur = cur
	return nil
}

func (t *socketTable) frame(r Refresh) *Frame {
	t.view.Refresh = r
	return SocketFrame(&t.view)
}

func (t *socketTable) report(rep Reporter, at time.Time) error {
	return rep.Sockets(at, t.view.Changes)
}

// Interfaces returns the watched interface rates: read gives the counter
// totals now.
func Interfaces(read func() ([]Interface, error)) Table {
	return &interfaceTable{readTotals: read}
}

type interfaceTable struct {
	readTotals func() ([]Interface, error)
	prev       []Interface
	prevAt     time.Time
	view       InterfaceView
}

func (t *interfaceTable) read(at time.Time) error {
	cur, err := t.readTotals()
	if err != nil {
		return err
	}
	if t.prev != nil {
		t.view.Rates = Rates(t.prev, cur, at.Sub(t.prevAt).Seconds())
	}
	t.prev, t.prevAt = cur, at
	if t.prev == nil {
		t.prev = []Interface{}
	}
	return nil
}

func (t *interfaceTable) frame(r Refresh) *Frame {
	t.view.Refresh = r
	return InterfaceFrame(&t.view)
}

func (t *interfaceTable) report(rep Reporter, at time.Time) error {
	return rep.Interfaces(at, t.view.Rates)
}

// Counters returns the watched statistics counters: read gives their
// values now.
func Counters(read func() ([]Counter, error)) Table {
	return &counterTable{readValues: read, view: CounterView{First: true}}
}

type counterTable struct {
	readValues func() ([]Counter, error)
	prev       []Counter
	prevAt     time.Time
	started    bool
	view       CounterView
}

func (t *counterTable) read(at time.Time) error {
	cur, err := t.readValues()
	if err != nil {
		return err
	}
	if t.started {
		t.view.Deltas = Deltas(t.prev, cur, at.Sub(t.prevAt).Seconds())
		t.view.First = false
	}
	t.started = true
	t.prev, t.prevAt = cur, at
	return nil
}

func (t *counterTable) frame(r Refresh) *Frame {
	t.view.Refresh = r
	return CounterFrame(&t.view)
}

func (t *counterTable) report(rep Reporter, at time.Time) error {
	return rep.Counters(at, t.view.Deltas)
}
