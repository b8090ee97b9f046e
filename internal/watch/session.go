package watch

import "time"

// Session runs the watch: it reads a table every Interval and shows what
// changed, on the Screen (a terminal) or through Report (a pipe), until
// Stop is closed or receives.
type Session struct {
	Interval time.Duration
	// Screen is the terminal view; nil means Report writes lines.
	Screen *Screen
	Report Reporter
	// Flush writes out what the renderers buffered; called after every
	// refresh. May be nil.
	Flush func() error
	// Stop ends the session (SIGINT, SIGTERM).
	Stop <-chan struct{}
	// Resize asks for the screen to be measured again with Size and
	// redrawn (SIGWINCH). Both may be nil.
	Resize <-chan struct{}
	Size   func() (width, height int)
	// Gone reports, after each refresh, that nobody reads the output any
	// more (the pipe's reader went away): the session ends quietly. May be
	// nil.
	Gone func() bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Table is one watched table: Sockets, Interfaces or Counters.
type Table interface {
	// read takes a reading at t.
	read(t time.Time) error
	// frame lays out the latest reading for the screen.
	frame(r Refresh) *Frame
	// report writes the changes of the latest reading as lines (none
	// after the first reading, which has nothing to compare with).
	report(rep Reporter, t time.Time) error
}

// Run watches t until Stop. It returns the first error of a reading or of
// a write. On a terminal it leaves the screen as it found it, whatever
// happens.
func (s *Session) Run(t Table) (err error) {
	now := s.Now
	if now == nil {
		now = time.Now
	}
	if s.Screen != nil {
		if err := s.Screen.Enter(); err != nil {
			return err
		}
		defer func() {
			if lerr := s.Screen.Leave(); err == nil {
				err = lerr
			}
			if ferr := s.flush(); err == nil {
				err = ferr
			}
		}()
	}
	at := now()
	if err := t.read(at); err != nil {
		return err
	}
	var last *Frame
	if s.Screen != nil {
		last = t.frame(Refresh{Time: at, Interval: s.Interval})
		if err := s.Screen.Draw(last); err != nil {
			return err
		}
	}
	if err := s.flush(); err != nil {
		return err
	}
	ticker := time.NewTicker(s.Interval)
	defer ticker.Stop()
	for {
		select {
		case <-s.Stop:
			return nil
		case <-s.Resize:
			if s.Screen == nil {
				continue
			}
			if s.Size != nil {
				s.Screen.Width, s.Screen.Height = s.Size()
			}
			if err := s.Screen.Draw(last); err != nil {
				return err
			}
		case <-ticker.C:
			at = now()
			if err := t.read(at); err != nil {
				return err
			}
			if s.Screen != nil {
				last = t.frame(Refresh{Time: at, Interval: s.Interval})
				err = s.Screen.Draw(last)
			} else {
				err = t.report(s.Report, at)
			}
			if err != nil {
				return err
			}
		}
		if err := s.flush(); err != nil {
			return err
		}
		if s.Gone != nil && s.Gone() {
			return nil
		}
	}
}

func (s *Session) flush() error {
	if s.Flush == nil {
		return nil
	}
	return s.Flush()
}
