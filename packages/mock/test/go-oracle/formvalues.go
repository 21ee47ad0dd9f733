// Reads JSON lines {"contentType": "<base64>", "body": "<base64>"} on stdin and writes, for each, what
// Go's Request.FormValue returns for "data" and "sign" (base64) from that body alone, as the
// Centrifugo handler would see them: a corpus for the mock's multipart and media-type parsing.
// Used by record.js.
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
)

type in struct {
	ContentType string `json:"contentType"`
	Body        string `json:"body"`
}

type out struct {
	Data string `json:"data"`
	Sign string `json:"sign"`
}

func main() {
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	enc := json.NewEncoder(os.Stdout)
	for scanner.Scan() {
		var c in
		if err := json.Unmarshal(scanner.Bytes(), &c); err != nil {
			panic(err)
		}
		body, err := base64.StdEncoding.DecodeString(c.Body)
		if err != nil {
			panic(err)
		}
		contentType, err := base64.StdEncoding.DecodeString(c.ContentType)
		if err != nil {
			panic(err)
		}
		req, _ := http.NewRequest("POST", "/api/", bytes.NewReader(body))
		req.Header["Content-Type"] = []string{string(contentType)}
		enc.Encode(out{
			Data: base64.StdEncoding.EncodeToString([]byte(req.FormValue("data"))),
			Sign: base64.StdEncoding.EncodeToString([]byte(req.FormValue("sign"))),
		})
	}
}
