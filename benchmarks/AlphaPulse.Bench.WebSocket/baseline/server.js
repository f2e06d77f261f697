// Baseline broadcast server on Node's `ws`: every frame received on /feed is sent, as is (one shared
// Buffer, no re-serialisation), to every client connected on any other path. PORT from the environment.
import { WebSocketServer } from "ws";

const clients = new Set();
const server = new WebSocketServer({ host: "127.0.0.1", port: Number(process.env.PORT), perMessageDeflate: false, backlog: 4096 });
server.on("connection", (socket, request) => {
  socket.on("error", () => {});
  if (request.url === "/feed") {
    socket.on("message", data => {
      for (const client of clients) {
        if (client.readyState === 1) client.send(data, { binary: false });
      }
    });
    return;
  }
  clients.add(socket);
  socket.on("close", () => clients.delete(socket));
});
server.on("listening", () => console.log("listening"));
