package dev.vigil.e2e.node;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What {@code pg_isready} (libpq's {@code PQping}) checks, without starting a process: a server
 * accepts connections when it answers a startup message with an authentication request, or with any
 * error but {@code 57P03} ({@code cannot_connect_now}: starting up, shutting down, or a standby not
 * yet consistent). The connection is dropped before authenticating, as {@code pg_isready} does.
 */
final class PostgresPing {

    private static final int PROTOCOL_3_0 = 196608;
    private static final String CANNOT_CONNECT_NOW = "57P03";

    private PostgresPing() {}

    static boolean accepting(InetSocketAddress server, String user, Duration timeout) {
        int millis = (int) timeout.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(server, millis);
            socket.setSoTimeout(millis);
            byte[] parameters =
                    ("user\0" + user + "\0database\0postgres\0\0").getBytes(StandardCharsets.UTF_8);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(8 + parameters.length);
            out.writeInt(PROTOCOL_3_0);
            out.write(parameters);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type = in.read();
            if (type == 'R') {
                return true;
            }
            if (type != 'E') {
                return type >= 0;
            }
            byte[] body = new byte[Math.max(0, in.readInt() - 4)];
            in.readFully(body);
            return !CANNOT_CONNECT_NOW.equals(sqlState(body));
        } catch (IOException e) {
            return false;
        }
    }

    /** The {@code C} field of an ErrorResponse body. */
    private static String sqlState(byte[] body) {
        int i = 0;
        while (i < body.length && body[i] != 0) {
            byte field = body[i++];
            int end = i;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            if (field == 'C') {
                return new String(body, i, end - i, StandardCharsets.UTF_8);
            }
            i = end + 1;
        }
        return "";
    }
}
