package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// exporterReady is how long the exporter may take to answer its first
// scrape.
const exporterReady = 30 * time.Second

// exporter is the running bin/netstat-exporter that the scrape row times.
// The driver itself speaks no HTTP: it goes through bench/scrape, so that
// its own peak RSS, the floor of every RSS it measures, stays as it was.
type exporter struct {
	cmd    *exec.Cmd
	url    string        // its metrics
	series int           // netstat_ series in the scrape that showed it ready
	exited chan struct{} // closed once the process is reaped
}

// startExporter starts c.exporter on a free port of 127.0.0.1 and waits
// until a scrape of its metrics answers 200. It dies with the driver
// (SIGKILL on parent death). A non-nil exporter needs stop, error or not.
func startExporter(c *config) (*exporter, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cmd := exec.Command(c.exporter, "--web.listen-address="+addr)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	e := &exporter{cmd: cmd, url: "http://" + addr + "/metrics", exited: make(chan struct{})}
	go func() {
		cmd.Wait()
		close(e.exited)
	}()
	deadline := time.Now().Add(exporterReady)
	for {
		n, err := countSeries(c.scrape, e.url)
		if err == nil {
			e.series = n
			return e, nil
		}
		select {
		case <-e.exited:
			return e, fmt.Errorf("%s exited before answering: %v", c.exporter, cmd.ProcessState)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return e, fmt.Errorf("%s did not answer within %v: %v", e.url, exporterReady, err)
		}
	}
}

// freePort is a TCP port of 127.0.0.1 that nothing uses: the one the
// kernel binds a socket to, closed at once (the namespace is the
// benchmark's own, so nobody takes it in between).
func freePort() (int, error) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return 0, err
	}
	defer unix.Close(fd)
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		return 0, fmt.Errorf("bind 127.0.0.1:0: %w", err)
	}
	sa, err := unix.Getsockname(fd)
	if err != nil {
		return 0, err
	}
	return sa.(*unix.SockaddrInet4).Port, nil
}

// countSeries scrapes url once with scrape -print and counts the
// samples of netstat_ metrics in the text it prints, line by line.
func countSeries(scrape, url string) (int, error) {
	cmd := exec.Command(scrape, "-print", url)
	cmd.Stderr = io.Discard // the exporter may not listen yet
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	n, rerr := series(out)
	if err := cmd.Wait(); err != nil {
		return 0, fmt.Errorf("%s: %v", scrape, err)
	}
	return n, rerr
}

// series counts the lines of a text exposition that start with
// "netstat_": the samples of our metrics (comments start with "#").
func series(r io.Reader) (int, error) {
	br := bufio.NewReader(r)
	n, start := 0, true // start: this read begins a line
	for {
		line, err := br.ReadSlice('\n')
		if start && bytes.HasPrefix(line, []byte("netstat_")) {
			n++
		}
		start = err != bufio.ErrBufferFull // else the next read is this line's rest
		switch err {
		case nil, bufio.ErrBufferFull:
		case io.EOF:
			return n, nil
		default:
			return n, err
		}
	}
}

// peakRSS is the exporter's peak resident set (VmHWM) in KiB, read from
// /proc/PID/status while it runs.
func (e *exporter) peakRSS() (int64, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", e.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(status)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kib, _ := strings.CutSuffix(strings.TrimSpace(v), " kB")
			return strconv.ParseInt(kib, 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", e.cmd.Process.Pid)
}

// stop kills the exporter by PID and waits until it is reaped.
func (e *exporter) stop() {
	if e == nil {
		return
	}
	e.cmd.Process.Kill()
	<-e.exited
}
