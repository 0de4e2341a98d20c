/**
 * Who may do what: the institutions as Camunda groups, the 18 regions as Camunda tenants,
 * the authorizations that confine an agent to the tasks of their group and region, the
 * single login (Spring Security) shared by the portal, the Camunda webapps and the REST
 * API, and the demo identities of a first run.
 */
package fr.parcourscpts.identity;
