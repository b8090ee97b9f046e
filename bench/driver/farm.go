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
	stdins  []io.Closer
	sockets int
	built   time.Duration
}

// startFarm starts ceil(conns/perHolder) holders at once and waits until
// each reports "ready". Holder 0 also opens the listeners and UDP sockets.
// Each holder dies with the driver (SIGKILL on parent death) and exits when
// its stdin closes.
func startFarm(c *config) (*farm, error) {
	f := &farm{}
	t0 := time.Now()
	outs := make([]*bufio.Reader, 0)
	for id, left := 0, c.conns; left > 0 || id == 0; id++ {
		k := min(left, c.perHolder)
		left -= k
		args := []string{"-id", strconv.Itoa(id), "-pairs", strconv.Itoa(k)}
		if id == 0 {
			args = append(args, "-listeners", strconv.Itoa(c.listeners), "-udp", strconv.Itoa(c.udp))
		}
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
		outs = append(outs, bufio.NewReader(out))
	}
	for i, r := range outs {
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
