/**
 * The official documents of a dossier as PDF: the receipts of each deposit (with the date
 * on which silence is worth acceptance or rejection), the FIR decision, the attestation
 * of validation of the projet de santé (express or tacit), the signed contrat ACI and
 * each annual evaluation notice. Issued once, kept as issued (bytes and SHA-256),
 * downloadable by the dossier's members and the agents of its region.
 */
package fr.parcourscpts.documents;
