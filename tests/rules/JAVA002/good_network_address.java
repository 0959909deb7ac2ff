package org.example.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A staff chat client: the server's user address is an XMPP domain suffix, not a postal address. */
public class ChatTransfer {

	private static final Logger LOGGER = LoggerFactory.getLogger(ChatTransfer.class);

	private final ChatServer server;

	public ChatTransfer(ChatServer server) {
		this.server = server;
	}

	public void sendFile(String user) {
		String recipient = user + server.getUserAddress() + "/desk";
		LOGGER.debug("Recipient: {}", recipient);
		LOGGER.info("Connected to {}", server.getAddress());
	}
}
