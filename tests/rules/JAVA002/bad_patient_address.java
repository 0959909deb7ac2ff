package org.example.registration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class AddressUpdate {

	private static final Logger LOGGER = LoggerFactory.getLogger(AddressUpdate.class);

	public void update(Patient patient) {
		// expect: JAVA002
		LOGGER.info("New address {}", patient.getAddress());
	}
}
