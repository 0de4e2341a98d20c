package fr.parcourscpts.compte;

import java.util.Map;

/**
 * A link of this module was issued and must reach its recipient by mail. Published in the
 * transaction that stored the link; {@link CompteMails} hands it to the mail outbox in
 * that transaction, before it commits.
 *
 * @param objet what the link is for
 * @param destinataire the recipient's address
 * @param lien the absolute link (carries the secret token: never log it)
 * @param details what the mail shows besides the link (first name, dossier reference...)
 */
public record LienEmis(Objet objet, String destinataire, String lien, Map<String, String> details) {

	public LienEmis {
		details = Map.copyOf(details);
	}

	/** What a link is for; each has its mail template {@code mail/compte-<template>}. */
	public enum Objet {

		CONFIRMATION("compte-confirmation"), COMPTE_EXISTANT("compte-existant"),
		REINITIALISATION("compte-reinitialisation"), INVITATION("compte-invitation");

		private final String template;

		Objet(String template) {
			this.template = template;
		}

		public String template() {
			return this.template;
		}

		public String subjectKey() {
			return "mail." + this.template + ".objet";
		}

	}

}
