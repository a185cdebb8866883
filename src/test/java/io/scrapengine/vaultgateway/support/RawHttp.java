package io.scrapengine.vaultgateway.support;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes exactly as given to a loopback port and reads one HTTP/1.x answer, for requests no HTTP client would
 * send (broken request lines and headers, odd versions, raw control bytes, bad framing).
 */
public final class RawHttp {

  private RawHttp() {
  }

  /** One answer; {@code status} is 0 when the server closed the connection without answering. */
  public record Answer(int status, Map<String, String> headers, byte[] body, boolean closed) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonObject json() {
      return new JsonObject(bodyText());
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + bodyText();
    }
  }

  public static Answer send(int port, String request) throws IOException {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  public static Answer send(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException closedEarly) {
        // the server may answer and close before reading everything (a line too long); read what it said
      }
      return read(socket.getInputStream());
    }
  }

  /** Like {@link #send(int, byte[])} for a HEAD request: the answer has headers only. */
  public static Answer sendHead(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      try {
        socket.getOutputStream().write(request);
      } catch (IOException closedEarly) {
        // read what the server said
      }
      return read(socket.getInputStream(), false);
    }
  }

  public static Answer read(InputStream in) throws IOException {
    return read(in, true);
  }

  /** Reads one answer: status line, headers, then Content-Length bytes or until the close. */
  private static Answer read(InputStream in, boolean withBody) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    try {
      while (matched < 4 && (b = in.read()) >= 0) {
        head.write(b);
        matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : 0;
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      return new Answer(0, Map.of(), new byte[0], true);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    if (matched < 4) {
      return new Answer(0, Map.of(), new byte[0], true);
    }
    String[] lines = text.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    if (status == 100) {
      return read(in, withBody);
    }
    byte[] body;
    String length = headers.get("content-length");
    if (length != null && withBody) {
      body = in.readNBytes(Integer.parseInt(length));
    } else {
      body = new byte[0];
    }
    return new Answer(status, headers, body, false);
  }
}
