package sockets

import (
	"errors"
	"fmt"
	"testing"
)

// refusing serves nothing: every table is unsupported.
type refusing struct{ calls int }

var errRefused = fmt.Errorf("refused: %w", errors.ErrUnsupported)

func (r *refusing) Inet(Protocol, bool, func(*Socket), func()) error { r.calls++; return errRefused }
func (r *refusing) Unix(func(*UnixSocket), func()) error             { r.calls++; return errRefused }
func (r *refusing) SCTPEndpoints(bool, func(*SCTPEndpoint), func()) error {
	r.calls++
	return errRefused
}
func (r *refusing) SCTPAssocs(bool, func(*SCTPAssoc), func()) error { r.calls++; return errRefused }
func (r *refusing) Legacy(LegacyFamily) error                       { r.calls++; return errRefused }

func TestFallbackUsesSecondaryWhenRefused(t *testing.T) {
	primary := &refusing{}
	f := Fallback{Primary: primary, Secondary: demo()}
	want, _, _ := run(t, demo(), numeric(demoAll()), nil)
	got, _, _ := run(t, f, numeric(demoAll()), nil)
	if got != want {
		t.Errorf("fallback output differs:\n%s", diff(want, got))
	}
	if primary.calls == 0 {
		t.Error("primary never asked")
	}
}

func TestFallbackKeepsPrimaryAnswers(t *testing.T) {
	// A primary that serves a table (even with a "missing" error) is not
	// second-guessed.
	f := Fallback{Primary: &fakeSource{inet: map[string][]Socket{}}, Secondary: demo()}
	out, errOut, rc := run(t, f, numeric(cli4TCP()), nil)
	if rc != 1 || errOut != "netstat: no support for `AF INET (tcp)' on this system.\n" || len(out) == 0 {
		t.Errorf("rc=%d stderr=%q out=%q", rc, errOut, out)
	}
}

func TestStateMask(t *testing.T) {
	if StateMask(true, true) != 0 {
		t.Error("-a must ask for every state")
	}
	if m := StateMask(false, true); m&(1<<Listen) == 0 || m&(1<<Established) != 0 {
		t.Errorf("-l mask %b", m)
	}
	if m := StateMask(false, false); m&(1<<Listen) != 0 || m&(1<<TimeWait) == 0 || m&(1<<SynRecv) == 0 {
		t.Errorf("default mask %b", m)
	}
}
