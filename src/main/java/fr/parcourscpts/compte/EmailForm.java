package fr.parcourscpts.compte;

/** A single e-mail address: the "mot de passe oublié" request. */
public class EmailForm {

	private String email = "";

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

}
