package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// TestServeBasicAuthAndShutdown serves through a web configuration with
// one basic authentication user and no TLS: requests without the password
// get 401, with it 200, and Shutdown ends serve with ErrServerClosed.
func TestServeBasicAuthAndShutdown(t *testing.T) {
	hash, err := bcrypt.GenerateFromPassword([]byte("pw"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "web.yml")
	if err := os.WriteFile(cfg, []byte("basic_auth_users:\n  u: "+string(hash)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := checkWebConfig(cfg); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })}
	var logs bytes.Buffer
	served := make(chan error, 1)
	go func() {
		served <- serve(srv, ln, settings{listenAddress: ln.Addr().String(), webConfigFile: cfg}, &logs)
	}()

	url := "http://" + ln.Addr().String() + "/"
	for _, c := range []struct {
		user, pass string
		want       int
	}{{"", "", http.StatusUnauthorized}, {"u", "wrong", http.StatusUnauthorized}, {"u", "pw", http.StatusOK}} {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		if c.user != "" {
			req.SetBasicAuth(c.user, c.pass)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("GET as %q/%q: %d, want %d", c.user, c.pass, resp.StatusCode, c.want)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("serve after Shutdown: %v, want http.ErrServerClosed", err)
	}
	if !strings.HasPrefix(logs.String(), "netstat-exporter: level=INFO") {
		t.Errorf("toolkit log lines lack the program prefix:\n%s", &logs)
	}
}

// TestCheckWebConfig accepts no file and rejects a missing certificate,
// naming the flag and the file.
func TestCheckWebConfig(t *testing.T) {
	if err := checkWebConfig(""); err != nil {
		t.Errorf("no file: %v", err)
	}
	cfg := filepath.Join(t.TempDir(), "web.yml")
	if err := os.WriteFile(cfg, []byte("tls_server_config:\n  cert_file: missing.crt\n  key_file: missing.key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := checkWebConfig(cfg)
	if err == nil || !strings.Contains(err.Error(), "--web.config.file="+cfg) || !strings.Contains(err.Error(), "missing.crt") {
		t.Errorf("missing certificate: %v", err)
	}
}

// TestWebFlags hands the toolkit our listen address and file, and no
// systemd socket activation.
func TestWebFlags(t *testing.T) {
	f := webFlags(settings{listenAddress: "127.0.0.1:1", webConfigFile: "w.yml"})
	if len(*f.WebListenAddresses) != 1 || (*f.WebListenAddresses)[0] != "127.0.0.1:1" || *f.WebConfigFile != "w.yml" || *f.WebSystemdSocket {
		t.Errorf("webFlags = %v %v %v", *f.WebListenAddresses, *f.WebConfigFile, *f.WebSystemdSocket)
	}
}
