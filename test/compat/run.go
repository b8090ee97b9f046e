package compat

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// Result is everything one netstat invocation produced.
type Result struct {
	Stdout, Stderr []byte
	// Status is "exit N" or "signal NAME".
	Status string
}

// runTimeout bounds a single netstat invocation.
const runTimeout = 30 * time.Second

// waitDelay bounds how long Wait keeps waiting for output after the process
// ended or was killed (a wrapper script's children may hold the pipes).
const waitDelay = 2 * time.Second

// Command returns the command that runs bin with args inside the world's
// namespace: `ip netns exec NAME helper args...`, where the helper in the
// exec role sets argv[0] to "netstat", drops to nobody when asNobody, and
// execve()s bin. The resulting process keeps the PID of the returned
// command and leads its own process group, so that SIGINT can be delivered
// the way a terminal does and the whole group (a wrapper script and its
// children included) is killed when ctx ends.
func (w *World) Command(ctx context.Context, bin string, args []string, asNobody bool) *exec.Cmd {
	cmd := exec.CommandContext(ctx, env.ip, append([]string{"netns", "exec", w.Name, env.helper}, args...)...)
	cmd.Env = append([]string{
		envRole + "=" + roleExec,
		envExecPath + "=" + bin,
		envExecArgv0 + "=netstat",
	}, baseEnv...)
	if asNobody {
		cmd.Env = append(cmd.Env, envExecUID+"="+strconv.Itoa(uidNobody))
	}
	if w.Reader != "" {
		cmd.Env = append(cmd.Env, envExecReader+"="+w.Reader)
	}
	cmd.Dir = "/"
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return signalGroup(cmd, syscall.SIGKILL) }
	cmd.WaitDelay = waitDelay
	return cmd
}

// Run runs bin with args in the world and captures its output.
func (w *World) Run(bin string, args []string, asNobody bool) (Result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := w.Command(ctx, bin, args, asNobody)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return Result{}, fmt.Errorf("%s %q: timed out after %v", bin, args, runTimeout)
	}
	res := Result{Stdout: stdout.Bytes(), Stderr: stderr.Bytes()}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return res, fmt.Errorf("%s %q: %w", bin, args, err)
	}
	res.Status = statusString(cmd.ProcessState.Sys().(syscall.WaitStatus))
	return res, nil
}

// statusString renders a wait status as "exit N" or "signal NAME".
func statusString(ws syscall.WaitStatus) string {
	if ws.Signaled() {
		return "signal " + ws.Signal().String()
	}
	return "exit " + strconv.Itoa(ws.ExitStatus())
}

// signalGroup sends sig to the process group led by cmd's process.
func signalGroup(cmd *exec.Cmd, sig syscall.Signal) error {
	return syscall.Kill(-cmd.Process.Pid, sig)
}
