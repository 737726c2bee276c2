// Uniqueness constraints of kgforge's Neo4j data model: Entity.id, and id per entity type.
CREATE CONSTRAINT kgforge_entity_id IF NOT EXISTS FOR (n:`Entity`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kgforge_country_id IF NOT EXISTS FOR (n:`Country`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kgforge_location_id IF NOT EXISTS FOR (n:`Location`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kgforge_organization_id IF NOT EXISTS FOR (n:`Organization`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kgforge_person_id IF NOT EXISTS FOR (n:`Person`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kgforge_product_id IF NOT EXISTS FOR (n:`Product`) REQUIRE n.id IS UNIQUE;
