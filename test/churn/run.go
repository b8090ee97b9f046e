package churn

import (
	"bytes"
	"context"
	"os/exec"
	"syscall"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// result is the outcome of one netstat run.
type result struct {
	stdout, stderr string
	status         string // nstest.Status, "exit 0" when all went well
	hung           bool   // killed after the timeout
	pid            int
	took           time.Duration
}

// runNetstat runs bin with args and a timeout, recording its PID in procs.
func runNetstat(bin string, args []string, timeout time.Duration, procs *procSet) (result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	// A run that times out is killed with its process group, in case the
	// binary under test is a wrapper with children.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return result{}, err
	}
	if procs != nil {
		procs.add(cmd.Process.Pid, "netstat")
	}
	if err := cmd.Wait(); cmd.ProcessState == nil {
		return result{}, err
	}
	return result{
		stdout: stdout.String(),
		stderr: stderr.String(),
		status: nstest.Status(cmd.ProcessState),
		hung:   ctx.Err() != nil,
		pid:    cmd.Process.Pid,
		took:   time.Since(start),
	}, nil
}
