package terminal

import (
	"bytes"
	"io"
	"os/exec"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/testenv"
)

// onTerminal runs cmd with its stdout on a new pseudo-terminal and returns
// what reached the terminal and what cmd wrote to stderr.
func onTerminal(t *testing.T, cmd *exec.Cmd) (stdout, stderr []byte, err error) {
	t.Helper()
	master, slave := testenv.RawPTY(t)
	var errBuf bytes.Buffer
	cmd.Stdout, cmd.Stderr = slave, &errBuf
	done := make(chan []byte, 1)
	go func() {
		var b bytes.Buffer
		io.Copy(&b, master) // ends with EIO once no slave is open
		done <- b.Bytes()
	}()
	err = cmd.Start()
	slave.Close() // the child has its own copy
	if err != nil {
		return nil, nil, err
	}
	err = cmd.Wait()
	select {
	case stdout = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("terminal output never ended")
	}
	return stdout, errBuf.Bytes(), err
}
