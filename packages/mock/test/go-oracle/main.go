// A stand-in for Centrifugo 1.8.0's HTTP API, for recording what Go's net/http, mime and
// encoding/json do at the edges the golden transcripts do not reach (routing, odd methods and
// headers, multipart forms, invalid UTF-8). Its handler follows handlers.go:apiHandler of v1.8.0
// (the checks and their order, FormValue / ReadAll); behind it, only what the edge cases need:
// publish and history over a memory store, the reply envelope, the oracle config's namespaces.
//
// Go's standard library only; `go run main.go` prints its address. record.js starts it and
// records exchanges into ../fixtures/go-edges.jsonl. The ServeMux of Go 1.21 (the one that
// served Centrifugo 1.8.0's binaries) is selected by the directive below.
//
//go:debug httpmuxgo121=1
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
)

const secret = "s3cr3t"

type command struct {
	UID    string          `json:"uid"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

type reply struct {
	UID    string      `json:"uid,omitempty"`
	Method string      `json:"method"`
	Error  *string     `json:"error"`
	Advice string      `json:"advice,omitempty"`
	Body   interface{} `json:"body"`
}

type message struct {
	UID     string          `json:"uid"`
	Channel string          `json:"channel"`
	Data    json.RawMessage `json:"data"`
	Client  string          `json:"client,omitempty"`
}

type historyBody struct {
	Channel string    `json:"channel"`
	Data    []message `json:"data"`
}

var (
	mu      sync.Mutex
	history = map[string][]message{}
)

var errInvalid = fmt.Errorf("invalid message")

func apiHandler(w http.ResponseWriter, r *http.Request) {
	contentType := r.Header.Get("Content-Type")
	var sign string
	var data []byte
	if strings.HasPrefix(strings.ToLower(contentType), "application/json") {
		sign = r.Header.Get("X-API-Sign")
		defer r.Body.Close()
		var err error
		data, err = io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "Internal Server Error", http.StatusInternalServerError)
			return
		}
	} else {
		sign = r.FormValue("sign")
		data = []byte(r.FormValue("data"))
	}
	if sign == "" {
		http.Error(w, "Bad Request", http.StatusBadRequest)
		return
	}
	if len(data) == 0 {
		http.Error(w, "Bad Request", http.StatusBadRequest)
		return
	}
	if !checkSign(data, sign) {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	resp, err := process(data)
	if err != nil {
		http.Error(w, "Bad Request", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(resp)
}

// checkSign is auth.CheckApiSign: 64 characters, then hmac.Equal on the hex strings.
func checkSign(data []byte, sign string) bool {
	if len(sign) != 64 {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(data)
	return hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(sign))
}

func process(data []byte) ([]byte, error) {
	var commands []command
	switch data[0] {
	case '{':
		var c command
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, errInvalid
		}
		commands = []command{c}
	case '[':
		if err := json.Unmarshal(data, &commands); err != nil {
			return nil, errInvalid
		}
	default:
		return nil, errInvalid
	}
	replies := []reply{}
	for _, c := range commands {
		r, err := run(c)
		if err != nil {
			return nil, err
		}
		replies = append(replies, r)
	}
	return json.Marshal(replies)
}

func namespaceOf(channel string) (known bool, keepsHistory bool) {
	name, _, found := strings.Cut(strings.TrimPrefix(channel, "$"), ":")
	switch {
	case !found || name == "":
		return true, false
	case name == "public":
		return true, true
	case name == "nopub":
		return true, false
	}
	return false, false
}

func run(c command) (reply, error) {
	out := reply{UID: c.UID, Method: c.Method}
	switch c.Method {
	case "publish":
		var p struct {
			Channel string          `json:"channel"`
			Data    json.RawMessage `json:"data"`
			Client  string          `json:"client"`
			UID     string          `json:"uid"`
		}
		if err := json.Unmarshal(c.Params, &p); err != nil || p.Channel == "" || len(p.Data) == 0 {
			return out, errInvalid
		}
		known, keeps := namespaceOf(p.Channel)
		if !known {
			e := "namespace not found"
			out.Error, out.Advice = &e, "fix"
			return out, nil
		}
		if keeps {
			mu.Lock()
			list := append([]message{{UID: p.UID, Channel: p.Channel, Data: p.Data, Client: p.Client}}, history[p.Channel]...)
			if len(list) > 10 {
				list = list[:10]
			}
			history[p.Channel] = list
			mu.Unlock()
		}
		return out, nil
	case "history":
		var p struct {
			Channel string `json:"channel"`
		}
		if err := json.Unmarshal(c.Params, &p); err != nil {
			return out, errInvalid
		}
		mu.Lock()
		list := append([]message{}, history[p.Channel]...)
		mu.Unlock()
		out.Body = historyBody{Channel: p.Channel, Data: list}
		return out, nil
	}
	return out, errInvalid
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", apiHandler)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Printf("go oracle at http://%s\n", ln.Addr())
	panic(http.Serve(ln, mux))
}
