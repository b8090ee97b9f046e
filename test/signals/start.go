package signals

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// proc is a netstat started with its stdout on a pipe.
type proc struct {
	cmd    *exec.Cmd
	out    *bufio.Reader
	pipe   *os.File // read end of stdout
	stderr bytes.Buffer
}

// start runs bin with args and extra environment, stdout on a pipe that
// the caller reads, stderr collected.
func start(bin string, args, env []string) (*proc, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	p := &proc{pipe: r, out: bufio.NewReader(r)}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = w, &p.stderr
	err = p.cmd.Start()
	w.Close()
	if err != nil {
		r.Close()
		return nil, err
	}
	return p, nil
}

// firstLine reads the first line of stdout.
func (p *proc) firstLine() (string, error) {
	return p.out.ReadString('\n')
}

// drain reads stdout to the end in the background.
func (p *proc) drain() { go io.Copy(io.Discard, p.out) }

// wait waits up to limit for the process to end and returns its status,
// or "" after killing it when it did not end in time.
func (p *proc) wait(limit time.Duration) string {
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(limit):
		p.cmd.Process.Kill()
		<-done
		return ""
	}
	p.pipe.Close()
	return nstest.Status(p.cmd.ProcessState)
}
