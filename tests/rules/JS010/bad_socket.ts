import { Server } from "socket.io";
const io = new Server(httpServer, {
  // expect: JS010
  cors: { origin: true, credentials: true },
});
