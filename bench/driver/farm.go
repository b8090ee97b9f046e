package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// farm is the set of running holder processes.
type farm struct {
	holders []*exec.Cmd
	stdins  []io.WriteCloser
	outs    []*bufio.Reader
	sockets int
	built   time.Duration
}

// startFarm starts the holders of plan(c.size) at once and waits until
// each reports "ready". Each holder dies with the driver (SIGKILL on parent
// death) and exits when its stdin closes.
func startFarm(c *config) (*farm, error) {
	f := &farm{}
	t0 := time.Now()
	for _, args := range plan(c.size) {
		cmd := exec.Command(c.farm, args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		in, err := cmd.StdinPipe()
		if err != nil {
			return f, err
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			return f, err
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			return f, err
		}
		f.holders = append(f.holders, cmd)
		f.stdins = append(f.stdins, in)
		f.outs = append(f.outs, bufio.NewReader(out))
	}
	for i, r := range f.outs {
		line, err := r.ReadString('\n')
		n, ok := strings.CutPrefix(strings.TrimSpace(line), "ready ")
		if err != nil || !ok {
			return f, fmt.Errorf("holder %d did not get ready (%q, %v); see its stderr", i, line, err)
		}
		k, _ := strconv.Atoi(n)
		f.sockets += k
	}
	f.built = time.Since(t0)
	return f, nil
}

// refill asks every holder to renew its TIME_WAIT sockets that are about to
// expire, and waits for them all.
func (f *farm) refill() error {
	for i, in := range f.stdins {
		if _, err := io.WriteString(in, "refill\n"); err != nil {
			return fmt.Errorf("holder %d: %w", i, err)
		}
	}
	for i, r := range f.outs {
		if line, err := r.ReadString('\n'); err != nil || line != "ok\n" {
			return fmt.Errorf("holder %d: refill answered %q, %v", i, line, err)
		}
	}
	return nil
}

// describe is the farm's plan, one holder per line.
func describe(size int) string {
	var b strings.Builder
	for _, args := range plan(size) {
		fmt.Fprintf(&b, "  holder %s\n", strings.Join(args, " "))
	}
	return b.String()
}

// stop closes each holder's stdin, kills it by PID and reaps it.
func (f *farm) stop() {
	if f == nil {
		return
	}
	for i, cmd := range f.holders {
		f.stdins[i].Close()
		cmd.Process.Kill()
		cmd.Wait()
	}
	f.holders = nil
}
