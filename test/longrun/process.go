package longrun

import (
	"io"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// process is a program a long run watches: the netstat under test or the
// exporter. Its stderr goes to a stderrLog, which reads gctrace's figures.
type process struct {
	cmd    *exec.Cmd
	stdout io.ReadCloser
	stderr *stderrLog
	ended  bool // stop has reaped it
}

// startProcess starts path with args and GODEBUG=gctrace=1 (and env) in
// its environment. It is killed by its PID and reaped when t ends, unless
// stop has already ended it.
func startProcess(t *testing.T, path string, args []string, env ...string) *process {
	t.Helper()
	p := &process{stderr: &stderrLog{}}
	p.cmd = exec.Command(path, args...)
	p.cmd.Env = append(append(os.Environ(), "GODEBUG=gctrace=1"), env...)
	p.cmd.Stderr = p.stderr
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	var err error
	if p.stdout, err = p.cmd.StdoutPipe(); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if !p.ended {
			syscall.Kill(p.cmd.Process.Pid, syscall.SIGKILL)
			p.cmd.Wait()
		}
	})
	return p
}

// pid is the process ID.
func (p *process) pid() int { return p.cmd.Process.Pid }

// stopGrace is how long a process may take to end after SIGTERM.
const stopGrace = 10 * time.Second

// stop sends SIGTERM, waits for the process to end (killing it after
// stopGrace) and says how it ended ("exit N", "signal NAME"; see
// nstest.Status). Its stdout must be drained or closed by then.
func (p *process) stop() string {
	syscall.Kill(p.pid(), syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		p.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(stopGrace):
		syscall.Kill(p.pid(), syscall.SIGKILL)
		<-done
	}
	p.ended = true
	return nstest.Status(p.cmd.ProcessState)
}

// heap copies gctrace's figures into f.
func (p *process) heap(f *figures) {
	f.gcs, f.firstMB, f.lastMB = p.stderr.heap()
}
