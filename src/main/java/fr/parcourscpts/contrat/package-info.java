/**
 * The tripartite ACI contract of a CPTS (process {@code contrat-aci}): its size class and
 * funding (DMN tables {@code taille-cpts} and {@code financement-cpts}), its preparation
 * by the CPAM, the mission calendar, the three signatures (porteur, CPAM, ARS) under a
 * deadline, and the five annual evaluations that follow, until the contract ends, is
 * terminated or is never signed. Every delay is configured under
 * {@code parcours.delais.contrat}, the mission calendar under
 * {@code parcours.calendrier-missions}.
 */
package fr.parcourscpts.contrat;
