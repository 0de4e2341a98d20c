package fr.parcourscpts.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How long and how many verified logins {@link VerifiedCredentials} keeps
 * ({@code parcours.connexion.cache.*}). A duration of zero turns the cache off.
 */
@Component
@ConfigurationProperties(prefix = "parcours.connexion.cache")
public class VerifiedCredentialsProperties {

	/**
	 * How long after its verification a login is accepted without checking it again.
	 * Short, because a change made on another node of a cluster (a new password, a
	 * removed group) reaches this node only when the entry expires.
	 */
	private Duration duree = Duration.ofSeconds(60);

	/** How many users at most; the least recently used leave first. */
	private int taille = 10_000;

	public Duration getDuree() {
		return this.duree;
	}

	public void setDuree(Duration duree) {
		this.duree = duree;
	}

	public int getTaille() {
		return this.taille;
	}

	public void setTaille(int taille) {
		this.taille = taille;
	}

}
