package exporter

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// runningExporter is a netstat-exporter process started by a test.
type runningExporter struct {
	cmd    *exec.Cmd
	addr   string
	stderr *bytes.Buffer
	client *http.Client
	exited bool // stop has reaped it
}

// buildExporter builds ./cmd/netstat-exporter into dir.
func buildExporter(t *testing.T, dir string) string {
	t.Helper()
	bin, err := nstest.Build("./cmd/netstat-exporter", dir)
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// startExporter starts bin with args on a free loopback port and waits
// until it answers; it is killed by PID when the test ends.
func startExporter(t *testing.T, bin string, args ...string) *runningExporter {
	t.Helper()
	e := &runningExporter{addr: nstest.FreeAddress(t), stderr: &bytes.Buffer{}}
	e.cmd = exec.Command(bin, append([]string{"--web.listen-address=" + e.addr}, args...)...)
	e.cmd.Stderr = e.stderr
	e.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := e.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if !e.exited {
			syscall.Kill(e.cmd.Process.Pid, syscall.SIGKILL)
			e.cmd.Wait()
		}
	})
	// One kept-alive connection for every request of the test, so that
	// the test's own traffic is one stable ESTABLISHED pair.
	e.client = &http.Client{Transport: &http.Transport{MaxIdleConns: 1, MaxConnsPerHost: 1}, Timeout: 20 * time.Second}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp4", e.addr)
		if err == nil {
			c.Close()
			return e
		}
		if time.Now().After(deadline) {
			t.Fatalf("the exporter does not listen on %s: %v\n%s", e.addr, err, e.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// get fetches path from the exporter.
func (e *runningExporter) get(t *testing.T, path string) []byte {
	t.Helper()
	resp, err := e.client.Get("http://" + e.addr + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", path, resp.Status, body)
	}
	return body
}

// stop sends SIGTERM and waits for a clean exit.
func (e *runningExporter) stop(t *testing.T) error {
	t.Helper()
	syscall.Kill(e.cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- e.cmd.Wait() }()
	select {
	case err := <-done:
		e.exited = true
		return err
	case <-time.After(10 * time.Second):
		syscall.Kill(e.cmd.Process.Pid, syscall.SIGKILL)
		<-done
		e.exited = true
		return fmt.Errorf("no exit 10 s after SIGTERM")
	}
}
